using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Assess;

/// <summary>The assessor's caseload: evidence waiting (oldest first), their candidates' progress, and days to feedback.</summary>
public sealed class IndexModel(AssessmentStore assessment, TimeProvider clock) : PageModel
{
    public IReadOnlyList<QueueEntry> Queue { get; private set; } = [];
    public IReadOnlyList<CaseloadEntry> Caseload { get; private set; } = [];
    public double? OverallMedian { get; private set; }
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Now = clock.GetUtcNow().UtcDateTime;
        Queue = await assessment.QueueAsync(person.CentreId, person.Id, ct);
        Caseload = await assessment.CaseloadAsync(person.CentreId, person.Id, ct);
        OverallMedian = await assessment.MedianDaysToFeedbackAsync(person.Id, ct);
    }

    public static string Days(double? days) => days is { } d ? $"{d:0.#} days" : "none yet";
}
