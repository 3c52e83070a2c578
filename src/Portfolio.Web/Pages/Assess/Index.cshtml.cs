using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Web.Account;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Assess;

/// <summary>The assessor's caseload: evidence waiting (oldest first, a page at a time), their candidates' progress, and days to feedback.</summary>
[KeptPage]
public sealed class IndexModel(AssessmentStore assessment, TimeProvider clock) : PageModel
{
    public const int QueuePageSize = 50;

    public Caseload Caseload { get; private set; } = new([], 0, [], null);
    public DateTime Now { get; private set; }

    /// <summary>The page of the queue shown, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "queuePage")]
    public int QueuePage { get; set; } = 1;

    public int QueuePages => Math.Max(1, (Caseload.Waiting + QueuePageSize - 1) / QueuePageSize);

    public int QueueFirst => (QueuePage - 1) * QueuePageSize + 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Now = clock.GetUtcNow().UtcDateTime;
        QueuePage = Math.Clamp(QueuePage, 1, 100_000);
        Caseload = await assessment.CaseloadAsync(person.CentreId, person.Id, (QueuePage - 1) * QueuePageSize, QueuePageSize, ct);
        // A page past the end (the queue got shorter since the link was made) shows the last page instead.
        return QueuePage > QueuePages ? RedirectToPage(new { queuePage = QueuePages }) : Page();
    }

    public static string Days(double? days) => days is { } d ? $"{d:0.#} days" : "none yet";
}
