using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Hours;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio.Hours;

/// <summary>The candidate imports a log kept in a spreadsheet, saved as CSV: all of it, or nothing.</summary>
public sealed class ImportModel(HoursStore hours, TimeProvider clock) : PageModel
{
    /// <summary>A log of a few thousand rows is well under this.</summary>
    public const int MaxBytes = 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public long? EnrolmentId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Every problem found, each with its line; nothing was imported.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    HoursViewer Viewer => new(User.Person().CentreId, User.Person().Id, HoursRole.Candidate);

    async Task<long?> EnrolmentAsync(CancellationToken ct)
    {
        var mine = await hours.EnrolmentsOfCandidateAsync(Viewer.CentreId, Viewer.PersonId, ct);
        return EnrolmentId is { } id ? (mine.Contains(id) ? id : null) : mine.Cast<long?>().FirstOrDefault();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        EnrolmentId = await EnrolmentAsync(ct);
        return EnrolmentId is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if ((EnrolmentId = await EnrolmentAsync(ct)) is not { } enrolmentId)
        {
            return NotFound();
        }
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file of your log");
            return Page();
        }
        if (Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), "The file is larger than 1 MB: import your log in parts");
            return Page();
        }
        string text;
        using (var reader = new StreamReader(Upload.OpenReadStream(), new UTF8Encoding(false, true)))
        {
            try
            {
                text = await reader.ReadToEndAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                ModelState.AddModelError(nameof(Upload),
                    "The file is not text in UTF-8: save it from your spreadsheet as CSV UTF-8");
                return Page();
            }
        }
        var (entries, problems) = HoursCsv.Read(text, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (problems.Count == 0 && entries.Count == 0)
        {
            problems = ["The file has a header row but no activities"];
        }
        if (problems.Count == 0)
        {
            problems = await hours.ImportAsync(Viewer, enrolmentId, entries, ct);
        }
        if (problems.Count > 0)
        {
            Problems = problems;
            ModelState.AddModelError(nameof(Upload),
                $"Nothing was imported: {problems.Count} {(problems.Count == 1 ? "problem" : "problems")} to fix"
                + " (listed below)");
            return Page();
        }
        TempData["Status"] = $"Imported {entries.Count} {(entries.Count == 1 ? "activity" : "activities")}"
            + $" ({HoursProgress.Hours(entries.Sum(e => e.Entry.Minutes))} hours). Your assessor will confirm them.";
        return Redirect($"/Portfolio/Hours?enrolmentId={enrolmentId}");
    }
}
