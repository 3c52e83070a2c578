using Dapper;
using Portfolio.Hours;
using Portfolio.Lists;

namespace Portfolio.Assessment;

public sealed record CaseloadEntry(long EnrolmentId, long CandidateId, string CandidateName, string QualificationCode,
    int Total, int Claimed, int Met, int Waiting, double? MedianDaysToFeedback, int Matching);

/// <summary>
/// A page of the assessor's queue and the number waiting in all; a page of their candidates (with each one's learning
/// hours) and how many match; the median days to feedback across every candidate.
/// </summary>
public sealed record Caseload(IReadOnlyList<QueueEntry> Queue, int Waiting, IReadOnlyList<CaseloadEntry> Candidates,
    double? MedianDaysToFeedback)
{
    /// <summary>Learning hours of the candidates shown, by enrolment.</summary>
    public IReadOnlyDictionary<long, LearningPlan> Hours { get; init; } = new Dictionary<long, LearningPlan>();

    /// <summary>Which page of the candidates is shown, of how many that match the name searched.</summary>
    public Paging CandidatePaging { get; init; } = new(1, Paging.DefaultPageSize, 0);
}

/// <summary>One row of the assessor's candidates as read: the candidate's progress and their learning hours.</summary>
sealed class CaseloadRow : LearningPlan
{
    public int Total { get; init; }
    public int Claimed { get; init; }
    public int Met { get; init; }
    public int Waiting { get; init; }
    public double? MedianDaysToFeedback { get; init; }
    public int Matching { get; init; }
}

/// <summary>What the assessor asked of their candidate list: a name, an order, a page.</summary>
public sealed record CaseloadQuery(int QueueOffset, int QueueLimit, string? Name, string? Sort, int? CandidatePage);

public sealed partial class AssessmentStore
{
    // The queue, totals and turnaround are kept up to date by the database in every write (migration M202611230900).
    // The page's bounds are written into the statement (numbers, never text): as parameters they made PostgreSQL plan
    // the statement afresh on every call (0.6 ms, more than running it), since a generic plan cannot know the limit.
    static string QueueSql(int offset, int limit) => $"""
        SELECT q.item_id, i.title, i.kind, q.revision_number, c.id AS candidate_id, c.display_name AS candidate_name,
               q.submitted_at, q.started
        FROM (SELECT item_id, enrolment_id, revision_number, submitted_at, started FROM assessment_queue
              WHERE assessor_id = @assessorId ORDER BY submitted_at, item_id LIMIT {limit:D} OFFSET {offset:D}) q
        JOIN enrolments e ON e.id = q.enrolment_id AND e.assessor_id = @assessorId AND e.centre_id = @centreId
        JOIN evidence_items i ON i.id = q.item_id
        JOIN people c ON c.id = e.candidate_id
        ORDER BY q.submitted_at, q.item_id
        """;

    /// <summary>The orders the candidate list can be shown in; each ends with the enrolment so pages never
    /// overlap.</summary>
    public static readonly IReadOnlyDictionary<string, string> CaseloadOrders = new Dictionary<string, string>
    {
        ["name"] = "c.display_name, e.id",
        ["waiting"] = "p.waiting DESC, c.display_name, e.id",
        ["progress"] = "p.met::float8 / greatest(p.total, 1), c.display_name, e.id",
    };

    // The assessor's candidates that match, in the order asked, one page of them, each with its learning hours: the
    // page is found first, and only its rows are joined to their plans and totals.
    // The name test is written in only when a name is searched: as "@nameLike IS NULL OR ..." its generic plan read
    // every person of the centre to join them (2 ms at 2,000 candidates).
    const string NameCondition = " AND c.display_name ILIKE @nameLike";

    static string CaseloadSql(string order, bool named, Paging page) => $"""
        SELECT e.enrolment_id, e.candidate_id, e.candidate_name, e.qualification_code, e.total, e.claimed, e.met,
               e.waiting, e.median_days_to_feedback, e.matching, {HoursStore.PlanFigures}
        FROM (SELECT e.id AS enrolment_id, c.id AS candidate_id, c.display_name AS candidate_name,
                     q.code AS qualification_code, p.total, p.claimed, p.met, p.waiting, p.median_days_to_feedback,
                     count(*) OVER ()::int AS matching, e.id, e.rubric_version_id,
                     row_number() OVER (ORDER BY {order}) AS ordinal
              FROM enrolments e
              JOIN enrolment_progress p ON p.enrolment_id = e.id
              JOIN people c ON c.id = e.candidate_id
              JOIN qualifications q ON q.id = e.qualification_id
              WHERE e.assessor_id = @assessorId AND e.centre_id = @centreId{(named ? NameCondition : "")}
              ORDER BY {order} LIMIT {page.Take:D} OFFSET {page.Skip:D}) e
        {HoursStore.PlanJoins}
        ORDER BY e.ordinal
        """;

    // Over every returned revision of the assessor's current candidates, and everything of theirs waiting, whatever
    // page of them is shown. unnest in the select list, not as a lateral function scan: the scan built a tuplestore
    // per enrolment, a third of this statement's time.
    const string OverallSql = """
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d)
        FROM (SELECT unnest(p.feedback_days) AS d
              FROM enrolments e JOIN enrolment_progress p ON p.enrolment_id = e.id
              WHERE e.assessor_id = @assessorId AND e.centre_id = @centreId) days;
        SELECT coalesce(sum(p.waiting), 0)::int
        FROM enrolments e JOIN enrolment_progress p ON p.enrolment_id = e.id
        WHERE e.assessor_id = @assessorId AND e.centre_id = @centreId
        """;

    /// <summary>
    /// The assessor's caseload in one round trip: a page of the queue (oldest first), a page of their candidates with
    /// progress, items waiting, median days to feedback and learning hours, and the figures across all of them.
    /// </summary>
    public async Task<Caseload> CaseloadAsync(long centreId, long assessorId, CaseloadQuery ask,
        CancellationToken ct = default)
    {
        var order = CaseloadOrders.GetValueOrDefault(ask.Sort ?? "", CaseloadOrders["name"]);
        var nameLike = NameSearch.Pattern(ask.Name);
        var named = nameLike is not null;
        var args = new { centreId, assessorId, nameLike };
        await using var conn = await db.OpenConnectionAsync(ct);
        Caseload? read = null;
        var (candidates, paging) = await Paging.ReadAsync(ask.CandidatePage, Paging.DefaultPageSize, async page =>
        {
            await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
                $"{QueueSql(ask.QueueOffset, ask.QueueLimit)};\n{CaseloadSql(order, named, page)};\n{OverallSql}", args,
                cancellationToken: ct));
            var queue = (await results.ReadAsync<QueueEntry>()).ToList();
            var both = (await results.ReadAsync<CaseloadRow>()).ToList();
            var rows = both.Select(r => new CaseloadEntry(r.EnrolmentId, r.CandidateId, r.CandidateName,
                r.QualificationCode, r.Total, r.Claimed, r.Met, r.Waiting, r.MedianDaysToFeedback, r.Matching)).ToList();
            var median = await results.ReadSingleAsync<double?>();
            var waiting = await results.ReadSingleAsync<int>();
            read = new Caseload(queue, waiting, rows, median)
            {
                Hours = both.ToDictionary(r => r.EnrolmentId, r => (LearningPlan)r),
            };
            return (IReadOnlyList<CaseloadEntry>)rows;
        }, r => r.Matching);
        return read! with { Candidates = candidates, CandidatePaging = paging };
    }
}
