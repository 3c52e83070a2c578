using Dapper;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.Evidence;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio;

/// <summary>The candidate's dashboard: progress per element, their evidence, and what happened lately.</summary>
public sealed class IndexModel(EnrolmentStore enrolments, EvidenceStore evidence, Progress progress, NpgsqlDataSource db) : PageModel
{
    public IReadOnlyList<Enrolment> Enrolments { get; private set; } = [];
    public IReadOnlyList<ElementProgress> Elements { get; private set; } = [];
    public IReadOnlyList<EvidenceSummary> Evidence { get; private set; } = [];
    public IReadOnlyList<Activity> Recent { get; private set; } = [];

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
