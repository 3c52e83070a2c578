using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Lists;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.External;

/// <summary>
/// The EQA's way in: their access windows, and the samples and candidates in scope right now, each list a page at a
/// time (a window on the whole centre reaches every candidate).
/// </summary>
public sealed class IndexModel(ExternalAccess access, QualityStore quality) : PageModel
{
    public IReadOnlyList<ExternalAccessGrant> Grants { get; private set; } = [];
    public IReadOnlyList<SampleListing> Samples { get; private set; } = [];
    public Paging SamplePaging { get; private set; } = new(1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<ScopedEnrolment> Candidates { get; private set; } = [];
    public Paging CandidatePaging { get; private set; } = new(1, Paging.DefaultPageSize, 0);

    /// <summary>The page of samples shown.</summary>
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }

    /// <summary>Part of a candidate's name, to find a portfolio among many.</summary>
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }

    /// <summary>The page of portfolios shown.</summary>
    [BindProperty(SupportsGet = true)] public int? PortfolioPage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Grants = (await access.GrantsAsync(person.CentreId, person.Id, ct)).Where(g => g.RevokedAt is null).ToList();
        (Samples, SamplePaging) = await quality.SamplePageAsync(person.CentreId, new SampleFilter(SeenByEqa: person.Id),
            PageNumber, Paging.DefaultPageSize, ct);
        (Candidates, CandidatePaging) = await access.EnrolmentsAsync(person.CentreId, person.Id, Name, PortfolioPage, ct);
        CandidatePaging = CandidatePaging with { Key = "portfolioPage", Label = "Pages of portfolios" };
    }
}
