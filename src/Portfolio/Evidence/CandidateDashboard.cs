using Dapper;
using Npgsql;
using Portfolio.Assessment;
using Portfolio.Enrolments;

namespace Portfolio.Evidence;

/// <summary>How far an enrolment has got in one element: marking points met, claimed, and in all.</summary>
public sealed record ElementProgress(long EnrolmentId, string ElementCode, string ElementTitle, int Total, int Claimed, int Met);

/// <summary>Something the candidate did to their evidence lately.</summary>
public sealed record Activity(DateTime OccurredAt, string Action, string? Title);

/// <summary>Returned feedback with points not yet met, neither answered nor revised since.</summary>
public sealed record FeedbackWaiting(long ItemId, string Title, DateTime ReturnedAt);

/// <summary>Everything the candidate's dashboard shows.</summary>
public sealed record Dashboard(
    IReadOnlyList<Enrolment> Enrolments,
    IReadOnlyList<ElementProgress> Elements,
    IReadOnlyList<EvidenceSummary> Evidence,
    IReadOnlyList<Activity> Recent,
    IReadOnlyList<FeedbackWaiting> Feedback,
    IReadOnlyList<AssessmentStore.SignOffToConfirm> ToConfirm)
{
    /// <summary>Each enrolment's learning hours.</summary>
    public IReadOnlyList<Portfolio.Hours.LearningPlan> Hours { get; init; } = [];
}

/// <summary>The candidate's dashboard, read in one round trip whatever the size of the portfolio.</summary>
public sealed class CandidateDashboard(NpgsqlDataSource db)
{
    // Kept up to date by the database in every write (migration M202611230900): a few rows, whatever the evidence.
    const string ProgressSql = """
        SELECT e.id AS enrolment_id, el.code AS element_code, el.title AS element_title, p.total, p.claimed, p.met
        FROM enrolments e
        JOIN enrolment_element_progress p ON p.enrolment_id = e.id
        JOIN rubric_elements el ON el.id = p.element_id
        JOIN rubric_units u ON u.id = el.unit_id
        WHERE e.candidate_id = @candidateId AND e.centre_id = @centreId
        ORDER BY e.id, u.position, el.position
        """;

    const string RecentSql = """
        SELECT a.occurred_at, a.action, i.title
        FROM audit_events a
        LEFT JOIN evidence_items i ON i.id = CASE WHEN a.subject_type = 'evidence_item' THEN a.subject_id
            ELSE coalesce(a.after->>'itemId', a.before->>'itemId')::bigint END
        WHERE a.centre_id = @centreId AND a.actor_id = @candidateId AND a.action LIKE 'evidence.%'
        ORDER BY a.id DESC LIMIT 8
        """;

    static readonly string Sql = string.Join(";\n",
        EnrolmentStore.OfCandidateSql, ProgressSql, EvidenceStore.ListSql, RecentSql,
            AssessmentStore.ToConfirmSql,
        Portfolio.Hours.HoursStore.CandidatePlansSql);

    public async Task<Dashboard> LoadAsync(long centreId, long candidateId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { centreId, candidateId }, cancellationToken: ct));
        var enrolments = (await results.ReadAsync<Enrolment>()).ToList();
        var elements = (await results.ReadAsync<ElementProgress>()).ToList();
        var evidence = (await results.ReadAsync<EvidenceSummary>()).ToList();
        return new Dashboard(enrolments, elements, evidence,
            (await results.ReadAsync<Activity>()).ToList(),
            FeedbackWaitingIn(evidence),
            (await results.ReadAsync<AssessmentStore.SignOffToConfirm>()).ToList())
        {
            Hours = (await results.ReadAsync<Portfolio.Hours.LearningPlan>()).ToList(),
        };
    }

    /// <summary>
    /// Returned feedback with points not yet met that the candidate has neither answered nor revised since, oldest
    /// first: read from the evidence list itself (its newest revision, review and not-yet count), not by a statement
    /// of its own that would find every item's newest revision a second time.
    /// </summary>
    public static IReadOnlyList<FeedbackWaiting> FeedbackWaitingIn(IEnumerable<EvidenceSummary> evidence) =>
        evidence.Where(e => e is { ReturnedAt: not null, Answered: false, NotYet: > 0 })
            .OrderBy(e => e.ReturnedAt).ThenBy(e => e.Id)
            .Select(e => new FeedbackWaiting(e.Id, e.Title, e.ReturnedAt!.Value)).ToList();

    /// <summary>What an audit action says on the dashboard.</summary>
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
