using Dapper;
using Portfolio.Lists;

namespace Portfolio.Quality;

/// <summary>Which samples to list or report; every part optional. <c>SeenByEqa</c>: only those the external quality
/// assurer may see now (none outside every window of access).</summary>
public sealed record SampleFilter(long? QualificationId = null, long? AssessorId = null, DateOnly? From = null, DateOnly? Until = null,
    long? SampleId = null, IReadOnlyCollection<long>? OnlyIds = null, long? SeenByEqa = null);

/// <summary>One sample as a list shows it: who, what and when, without the decision's snapshot.</summary>
public sealed class SampleListing
{
    public long Id { get; init; }
    public string QualificationCode { get; init; } = "";
    public string CandidateName { get; init; } = "";
    public long AssessorId { get; init; }
    public string AssessorName { get; init; } = "";
    public string DecisionType { get; init; } = "";
    public string? EvidenceKind { get; init; }
    public string[] ElementCodes { get; init; } = [];
    public DateTime SampledAt { get; init; }
    public string? Outcome { get; init; }
    public int Actions { get; init; }
    public int ActionsDone { get; init; }
    public int Matching { get; init; }

    public string Method => SampleRecord.MethodOf(EvidenceKind);
}

/// <summary>The centre's samples: every detail of a few (the record, the report), or a page of a long list.</summary>
public sealed partial class QualityStore
{
    const string SampleFrom = """
        FROM qa_samples s JOIN qualifications q ON q.id = s.qualification_id JOIN people c ON c.id = s.candidate_id
        JOIN people a ON a.id = s.assessor_id
        """;

    const string SampleWhere = """
        WHERE s.centre_id = @centreId AND (@qualificationId::bigint IS NULL OR s.qualification_id = @qualificationId)
          AND (@assessorId::bigint IS NULL OR s.assessor_id = @assessorId) AND (@sampleId::bigint IS NULL OR s.id = @sampleId)
          AND (@from::date IS NULL OR s.sampled_at >= @from::date) AND (@until::date IS NULL OR s.sampled_at < @until::date + 1)
          AND (@onlyIds::bigint[] IS NULL OR s.id = ANY(@onlyIds))
        """;

    const string SamplesSql = $"""
        SELECT s.id, s.qualification_id, q.code AS qualification_code, s.enrolment_id, c.display_name AS candidate_name,
               s.assessor_id, a.display_name AS assessor_name, s.decision_type, s.item_id, s.evidence_kind, s.element_codes,
               s.decided_at, s.sampled_at, sb.display_name AS sampled_by_name, s.outcome, s.feedback,
               rb.display_name AS recorded_by_name, s.recorded_at, s.acknowledged_at, s.snapshot::text AS snapshot_json
        {SampleFrom}
        JOIN people sb ON sb.id = s.sampled_by LEFT JOIN people rb ON rb.id = s.recorded_by
        {SampleWhere}
        ORDER BY s.sampled_at DESC, s.id DESC
        """;

    const string SamplePageSql = $"""
        SELECT s.id, q.code AS qualification_code, c.display_name AS candidate_name, s.assessor_id,
               a.display_name AS assessor_name, s.decision_type, s.evidence_kind, s.element_codes, s.sampled_at, s.outcome,
               (SELECT count(*)::int FROM qa_sample_actions x WHERE x.sample_id = s.id) AS actions,
               (SELECT count(*)::int FROM qa_sample_actions x WHERE x.sample_id = s.id AND x.completed_at IS NOT NULL)
                   AS actions_done,
               count(*) OVER ()::int AS matching
        {SampleFrom}
        {SampleWhere}
        ORDER BY s.sampled_at DESC, s.id DESC LIMIT @take OFFSET @skip
        """;

    const string ActionsSql = "SELECT id, sample_id, position, text, completed_at, completion_note FROM qa_sample_actions WHERE sample_id = ANY(@ids) ORDER BY sample_id, position";

    const string SampledAssessorsSql = """
        SELECT p.id, p.display_name FROM people p
        WHERE p.centre_id = @centreId AND EXISTS (SELECT 1 FROM qa_samples s WHERE s.assessor_id = p.id AND s.centre_id = @centreId)
        ORDER BY p.display_name, p.id
        """;

    static object SampleArgs(long centreId, SampleFilter filter) => new
    {
        centreId, filter.QualificationId, filter.AssessorId, filter.SampleId, from = filter.From?.ToDateTime(TimeOnly.MinValue),
        until = filter.Until?.ToDateTime(TimeOnly.MinValue), onlyIds = filter.OnlyIds?.ToArray(), eqaId = filter.SeenByEqa,
    };

    // The same statements kept to what an external quality assurer may see now, worked out inside the statement.
    static string SeenByEqa(string sql) => ExternalAccess.ScopeCte + "\n" + sql.Replace(SampleWhere,
        SampleWhere + "\n  AND s.id IN (SELECT id FROM scope_samples)", StringComparison.Ordinal);

    static readonly string EqaSamplesSql = SeenByEqa(SamplesSql);
    static readonly string EqaSamplePageSql = SeenByEqa(SamplePageSql);

    /// <summary>
    /// The centre's samples with every detail, newest first, filtered: by qualification, assessor, sampled dates
    /// (inclusive) and a set of sample ids. For one sample or a report; a list page reads
    /// <see cref="SamplePageAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<SampleRecord>> SamplesAsync(long centreId, SampleFilter filter, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var samples = (await conn.QueryAsync<SampleRecord>(new CommandDefinition(
            filter.SeenByEqa is null ? SamplesSql : EqaSamplesSql, SampleArgs(centreId, filter),
            cancellationToken: ct))).ToList();
        var actions = (await conn.QueryAsync<SampleAction>(new CommandDefinition(ActionsSql, new { ids = samples.Select(s => s.Id).ToArray() }, cancellationToken: ct))).ToLookup(a => a.SampleId);
        foreach (var s in samples)
        {
            s.Actions = actions[s.Id].ToList();
        }
        return samples;
    }

    public async Task<SampleRecord?> SampleAsync(long centreId, long sampleId, CancellationToken ct = default) =>
        (await SamplesAsync(centreId, new SampleFilter(SampleId: sampleId), ct)).SingleOrDefault();

    /// <summary>A page of the samples the filter matches, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<SampleListing> Samples, Paging Paging)> SamplePageAsync(long centreId, SampleFilter filter,
        int? page, int pageSize, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await Paging.ReadAsync(page, pageSize, async p =>
        {
            var args = new DynamicParameters(SampleArgs(centreId, filter));
            args.AddDynamicParams(new { take = p.Take, skip = p.Skip });
            return (IReadOnlyList<SampleListing>)(await conn.QueryAsync<SampleListing>(
                new CommandDefinition(filter.SeenByEqa is null ? SamplePageSql : EqaSamplePageSql, args,
                    cancellationToken: ct))).ToList();
        }, s => s.Matching);
    }

    /// <summary>The assessors with at least one decision sampled, for a filter of samples.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> SampledAssessorsAsync(long centreId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(long, string)>(new CommandDefinition(SampledAssessorsSql, new { centreId },
            cancellationToken: ct))).ToList();
    }
}
