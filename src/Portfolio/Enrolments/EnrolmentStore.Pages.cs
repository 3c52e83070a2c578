using Dapper;
using Portfolio.Lists;

namespace Portfolio.Enrolments;

/// <summary>Which of a centre's enrolments a list page shows: by candidate name, assessor, qualification; sorted; one page.</summary>
/// <param name="AssessorId">An assessor's candidates; 0 for those with no assessor yet.</param>
public sealed record EnrolmentQuery(string? Name = null, long? AssessorId = null, long? QualificationId = null, string? Sort = null,
    int? Page = null)
{
    public const string ByCandidate = "candidate";
    public const string ByAssessor = "assessor";
    public const string ByQualification = "qualification";
}

public sealed partial class EnrolmentStore
{
    // The page is found first from the narrow rows the order needs (the enrolment, its candidate's name, its
    // qualification's code, and its assessor's name only when sorted by it), counted as it is found; only its rows are
    // then joined to everything a row shows. Joining every enrolment of the centre to all of that before sorting took
    // 55 ms at 10,000 candidates against 15 ms this way.
    const string PageFilterSql = """
        WHERE e.centre_id = @centreId
          AND (@nameLike::text IS NULL OR c.display_name ILIKE @nameLike)
          AND (@assessorId::bigint IS NULL OR e.assessor_id = @assessorId OR (@assessorId = 0 AND e.assessor_id IS NULL))
          AND (@qualificationId::bigint IS NULL OR e.qualification_id = @qualificationId)
        """;

    // Each order twice: over the narrow rows that find the page, and over the page's rows as shown. A row number taken
    // in the narrow statement would save the second, but it makes PostgreSQL sort every row of the centre where the
    // limit lets it keep only the page's worth (23 against 12 ms at 10,000 candidates).
    sealed record PageOrder(string Narrow, string Shown, bool NeedsAssessor);

    static readonly IReadOnlyDictionary<string, PageOrder> PageOrders = new Dictionary<string, PageOrder>
    {
        [EnrolmentQuery.ByCandidate] = new("c.display_name, q.code, e.id",
            "e.candidate_name, e.qualification_code, e.id", false),
        [EnrolmentQuery.ByAssessor] = new("a.display_name NULLS FIRST, c.display_name, q.code, e.id",
            "e.assessor_name NULLS FIRST, e.candidate_name, e.qualification_code, e.id", true),
        [EnrolmentQuery.ByQualification] = new("q.code, c.display_name, e.id",
            "e.qualification_code, e.candidate_name, e.id", false),
    };

    static string PageSql(PageOrder order) => $"""
        WITH page AS (
            SELECT e.id, count(*) OVER ()::int AS matching
            FROM enrolments e JOIN people c ON c.id = e.candidate_id JOIN qualifications q ON q.id = e.qualification_id
            {(order.NeedsAssessor ? "LEFT JOIN people a ON a.id = e.assessor_id" : "")}
            {PageFilterSql}
            ORDER BY {order.Narrow} LIMIT @take OFFSET @skip)
        SELECT e.*, page.matching FROM ({ListSql}) e JOIN page ON page.id = e.id
        ORDER BY {order.Shown}
        """;

    sealed record PageRow(long Id, long CentreId, long CandidateId, string CandidateName, long QualificationId, string QualificationCode,
        long RubricVersionId, int VersionNumber, string QualificationTitle, long? AssessorId, string? AssessorName, long? IqaId,
        string? IqaName, DateTime EnrolledAt, int Matching)
    {
        public Enrolment ToEnrolment() => new(Id, CentreId, CandidateId, CandidateName, QualificationId, QualificationCode, RubricVersionId,
            VersionNumber, QualificationTitle, AssessorId, AssessorName, IqaId, IqaName, EnrolledAt);
    }

    /// <summary>One page of the centre's enrolments, filtered and sorted on the server, with how many match in all.</summary>
    public async Task<(IReadOnlyList<Enrolment> Rows, Paging Paging)> PageAsync(long centreId, EnrolmentQuery query, CancellationToken ct = default)
    {
        var sql = PageSql(PageOrders.GetValueOrDefault(query.Sort ?? "", PageOrders[EnrolmentQuery.ByCandidate]));
        await using var conn = await db.OpenConnectionAsync(ct);
        var (rows, paging) = await Paging.ReadAsync(query.Page, Paging.DefaultPageSize, async p =>
            (IReadOnlyList<PageRow>)(await conn.QueryAsync<PageRow>(new CommandDefinition(sql, new
            {
                centreId, nameLike = NameSearch.Pattern(query.Name), query.AssessorId, query.QualificationId, take = p.Take, skip = p.Skip,
            }, cancellationToken: ct))).ToList(), r => r.Matching);
        return (rows.Select(r => r.ToEnrolment()).ToList(), paging);
    }
}
