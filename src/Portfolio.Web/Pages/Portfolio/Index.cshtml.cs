using Dapper;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Microsoft.AspNetCore.Mvc;
using Portfolio.Assessment;
using Portfolio.Enrolments;
using Portfolio.Evidence;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio;

/// <summary>The candidate's dashboard: progress per element, their evidence, and what happened lately.</summary>
public sealed class IndexModel(EnrolmentStore enrolments, EvidenceStore evidence, Progress progress, AssessmentStore assessment, NpgsqlDataSource db) : PageModel
{
    public IReadOnlyList<Enrolment> Enrolments { get; private set; } = [];
    public IReadOnlyList<ElementProgress> Elements { get; private set; } = [];
    public IReadOnlyList<EvidenceSummary> Evidence { get; private set; } = [];
    public IReadOnlyList<Activity> Recent { get; private set; } = [];
    public IReadOnlyList<FeedbackWaiting> Feedback { get; private set; } = [];
    public IReadOnlyList<AssessmentStore.SignOffToConfirm> ToConfirm { get; private set; } = [];

    public sealed record FeedbackWaiting(long ItemId, string Title, DateTime ReturnedAt);

    const string FeedbackSql = """
        SELECT i.id AS item_id, i.title, ar.returned_at
        FROM evidence_items i
        JOIN LATERAL (SELECT id FROM evidence_revisions WHERE item_id = i.id ORDER BY number DESC LIMIT 1) r ON true
        JOIN assessment_reviews ar ON ar.revision_id = r.id
        WHERE i.candidate_id = @personId AND i.centre_id = @centreId AND ar.returned_at IS NOT NULL AND ar.candidate_response IS NULL
        ORDER BY ar.returned_at
        """;

    public sealed record Activity(DateTime OccurredAt, string Action, string? Title);

    const string RecentSql = """
        SELECT a.occurred_at, a.action, i.title
        FROM audit_events a LEFT JOIN evidence_items i ON a.subject_type = 'evidence_item' AND i.id = a.subject_id
        WHERE a.centre_id = @centreId AND a.actor_id = @personId AND a.action LIKE 'evidence.%'
        ORDER BY a.id DESC LIMIT 8
        """;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Enrolments = await enrolments.ListAsync(person.CentreId, candidateId: person.Id, ct: ct);
        Elements = await progress.ByElementAsync(person.CentreId, person.Id, ct);
        Evidence = await evidence.ListAsync(person.CentreId, person.Id, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        Recent = (await conn.QueryAsync<Activity>(new CommandDefinition(RecentSql, new { person.CentreId, personId = person.Id }, cancellationToken: ct))).ToList();
        Feedback = (await conn.QueryAsync<FeedbackWaiting>(new CommandDefinition(FeedbackSql, new { person.CentreId, personId = person.Id }, cancellationToken: ct))).ToList();
        ToConfirm = await assessment.ToConfirmAsync(person.CentreId, person.Id, ct);
    }

    /// <summary>The candidate confirms an element their assessor signed off.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(long signOffId, CancellationToken ct)
    {
        var person = User.Person();
        if (await assessment.ConfirmAsync(person.CentreId, person.Id, signOffId, ct) != AssessmentRefusal.None)
        {
            return NotFound();
        }
        TempData["Status"] = "Thank you: you have confirmed the sign-off.";
        return RedirectToPage();
    }

    public static string Describe(string action) => action switch
    {
        "evidence.created" => "Started",
        "evidence.saved" => "Saved",
        "evidence.file-attached" => "Attached a file to",
        "evidence.annotated" => "Annotated",
        "evidence.mapped" => "Mapped a marking point in",
        "evidence.unmapped" => "Removed a mapping from",
        "evidence.submitted" => "Submitted",
        "evidence.revision-started" => "Started a new revision of",
        _ => "Changed",
    };
}
