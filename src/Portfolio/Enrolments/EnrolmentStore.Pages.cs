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
    const string PageFilterSql = $"""
        {ListSql}
          AND (@nameLike::text IS NULL OR c.display_name ILIKE @nameLike)
          AND (@assessorId::bigint IS NULL OR e.assessor_id = @assessorId OR (@assessorId = 0 AND e.assessor_id IS NULL))
          AND (@qualificationId::bigint IS NULL OR e.qualification_id = @qualificationId)
        """;

    static readonly IReadOnlyDictionary<string, string> PageOrders = new Dictionary<string, string>
    {
        [EnrolmentQuery.ByCandidate] = "ORDER BY e.candidate_name, e.qualification_code, e.id",
        [EnrolmentQuery.ByAssessor] = "ORDER BY e.assessor_name NULLS FIRST, e.candidate_name, e.qualification_code, e.id",
        [EnrolmentQuery.ByQualification] = "ORDER BY e.qualification_code, e.candidate_name, e.id",
    };

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
        var order = PageOrders.GetValueOrDefault(query.Sort ?? "", PageOrders[EnrolmentQuery.ByCandidate]);
        var sql = $"SELECT e.*, count(*) OVER ()::int AS matching FROM ({PageFilterSql}) e {order} LIMIT @take OFFSET @skip";
        await using var conn = await db.OpenConnectionAsync(ct);
        var (rows, paging) = await Paging.ReadAsync(query.Page, Paging.DefaultPageSize, async p =>
            (IReadOnlyList<PageRow>)(await conn.QueryAsync<PageRow>(new CommandDefinition(sql, new
            {
                centreId, nameLike = NameSearch.Pattern(query.Name), query.AssessorId, query.QualificationId, take = p.Take, skip = p.Skip,
            }, cancellationToken: ct))).ToList(), r => r.Matching);
        return (rows.Select(r => r.ToEnrolment()).ToList(), paging);
    }
}
