using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>The centre's sampled decisions with their outcomes, filtered, a page at a time, and the verification report
/// of every sample the filter matches as Excel.</summary>
public sealed class ReportModel(QualityStore quality, TimeProvider clock) : PageModel
{
    public sealed class FilterModel
    {
        public long? QualificationId { get; set; }
        public long? AssessorId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }

        public SampleFilter ToFilter(IReadOnlyCollection<long>? onlyIds = null) => new(QualificationId, AssessorId, From, Until, OnlyIds: onlyIds);
    }

    [BindProperty(SupportsGet = true)]
    public FilterModel Filter { get; set; } = new();

    /// <summary>The page of samples shown.</summary>
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }

    public IReadOnlyList<SampleListing> Samples { get; private set; } = [];
    public Lists.Paging Paging { get; private set; } = new(1, Lists.Paging.DefaultPageSize, 0);
    public IEnumerable<SelectListItem> QualificationChoices { get; private set; } = [];
    public IEnumerable<SelectListItem> AssessorChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        QualificationChoices = Choices((await quality.QualificationsAsync(centreId, ct)).Select(q => (q.Id, q.Code)));
        AssessorChoices = Choices(await quality.SampledAssessorsAsync(centreId, ct));
        if (Filter.From > Filter.Until)
        {
            ModelState.AddModelError("Filter.Until", "The end date must be on or after the start date");
            return Page();
        }
        (Samples, Paging) = await quality.SamplePageAsync(centreId, Filter.ToFilter(), PageNumber, Lists.Paging.DefaultPageSize, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        if (Filter.From > Filter.Until)
        {
            return await OnGetAsync(ct);
        }
        var stream = new MemoryStream();
        VerificationReport.Write(await quality.SamplesAsync(User.Person().CentreId, Filter.ToFilter(), ct), stream);
        stream.Position = 0;
        return File(stream, VerificationReport.ContentType, VerificationReport.FileName(clock.GetUtcNow().UtcDateTime));
    }

    public static IEnumerable<SelectListItem> Choices(IEnumerable<(long Id, string Name)> options) =>
        options.Select(o => new SelectListItem(o.Name, o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Prepend(new SelectListItem("All", "")).ToList();
}
