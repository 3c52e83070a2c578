using Dapper;

namespace Portfolio.Quality;

/// <summary>
/// The decisions that can be sampled and the coverage counts, read from the summaries the database keeps in every write
/// (qa_decisions, qa_coverage: migration M202612071500), so that no read walks a centre's judgements.
/// </summary>
public sealed partial class QualityStore
{
    const string DecisionColumns = """
        SELECT d.source, d.id, d.assessor_id, a.display_name AS assessor_name, d.candidate_id, c.display_name AS candidate_name,
               d.enrolment_id, d.evidence_kind, i.title AS item_title, d.element_codes, d.decision_type, d.decided_at, d.sampled
        FROM qa_decisions d JOIN people a ON a.id = d.assessor_id JOIN people c ON c.id = d.candidate_id
        LEFT JOIN evidence_items i ON i.id = d.item_id
        """;

    const string DecisionsSql = $"""
        {DecisionColumns}
        WHERE d.centre_id = @centreId AND d.qualification_id = @qualificationId
        ORDER BY d.decided_at, d.source, d.id
        """;

    // The named decisions only, each found by its key (no '@all OR' test: a generic plan of that reads every decision).
    const string NamedDecisionsSql = $"""
        {DecisionColumns}
        JOIN unnest(@sources::text[], @ids::bigint[]) k(source, id) ON k.source = d.source AND k.id = d.id
        WHERE d.centre_id = @centreId AND d.qualification_id = @qualificationId
        ORDER BY d.decided_at, d.source, d.id
        """;

    // A class rather than a positional record: Npgsql reports text[] columns as System.Array, which no constructor matches.
    sealed class DecisionRow
    {
        public string Source { get; init; } = "";
        public long Id { get; init; }
        public long AssessorId { get; init; }
        public string AssessorName { get; init; } = "";
        public long CandidateId { get; init; }
        public string CandidateName { get; init; } = "";
        public long EnrolmentId { get; init; }
        public string? EvidenceKind { get; init; }
        public string? ItemTitle { get; init; }
        public string[] ElementCodes { get; init; } = [];
        public string DecisionType { get; init; } = "";
        public DateTime DecidedAt { get; init; }
        public bool Sampled { get; init; }
        public int? CandidateDecisions { get; init; }
        public int? CandidateSampled { get; init; }

        public Decision ToDecision() => new(new DecisionKey(Source, Id), AssessorId, AssessorName, CandidateId, CandidateName,
            EnrolmentId, EvidenceKind, ItemTitle, ElementCodes, DecisionType, DecidedAt, Sampled);
    }

    /// <summary>
    /// The decisions on the qualification's candidates that can be sampled (only those named, when keys are given),
    /// marked when already sampled.
    /// </summary>
    public async Task<IReadOnlyList<Decision>> DecisionsAsync(long centreId, long qualificationId,
        IReadOnlyCollection<DecisionKey>? keys = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var args = new
        {
            centreId, qualificationId,
            sources = keys?.Select(k => k.Source).ToArray() ?? [], ids = keys?.Select(k => k.Id).ToArray() ?? [],
        };
        var sql = keys is null ? DecisionsSql : NamedDecisionsSql;
        return (await conn.QueryAsync<DecisionRow>(new CommandDefinition(sql, args, cancellationToken: ct)))
            .Select(d => d.ToDecision()).ToList();
    }

    // Both read through a partial index of their own (migration M202612100300): the grid's counts never walk the
    // qualification's candidates, one row each.
    const string CoverageSql = """
        SELECT c.requirement, c.decisions, c.sampled
        FROM qa_coverage c JOIN qualifications q ON q.id = c.qualification_id
        WHERE c.qualification_id = @qualificationId AND q.centre_id = @centreId AND c.decisions > 0
          AND c.requirement NOT LIKE 'candidate:%'
        """;

    /// <summary>
    /// How many decisions, and how many sampled, stand behind each thing the qualification's plan covers, without a
    /// row per candidate (neither the grid nor the proposal needs every candidate's).
    /// </summary>
    public async Task<Coverage> CoverageAsync(long centreId, long qualificationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Requirement, int Decisions, int Sampled)>(
            new CommandDefinition(CoverageSql, new { centreId, qualificationId }, cancellationToken: ct));
        return new Coverage(rows.ToDictionary(r => r.Requirement, r => new CoverageCell(r.Decisions, r.Sampled), StringComparer.Ordinal));
    }

    const string OpenColumns = """
        source, id, centre_id, assessor_id, candidate_id, enrolment_id, item_id, evidence_kind, element_codes, decision_type,
        decided_at, sampled FROM qa_decisions WHERE qualification_id = @qualificationId AND NOT sampled
        """;

    const string OpenOrder = "ORDER BY decided_at, source, id";

    // The open decisions a proposal of at most @limit can choose from, each found through an index in time order:
    // the oldest of each assessor short of their rate (their share of the batch); the oldest few of each evidence kind,
    // element and decision type none of whose decisions is sampled; and, while some candidate has nothing sampled
    // (asked through the index of unsampled coverage), the oldest of such candidates. Each comes with its candidate's
    // coverage counts: the proposal needs those of the candidates it can choose, never the whole centre's. Names and
    // titles are read later, for the decisions proposed only.
    const string ProposalChoicesSql = $"""
        WITH picked AS (
            SELECT x.* FROM unnest(@assessors::bigint[]) a(id)
            CROSS JOIN LATERAL (SELECT {OpenColumns} AND assessor_id = a.id {OpenOrder} LIMIT @perAssessor) x
            UNION
            SELECT x.* FROM unnest(@kinds::text[]) k(kind)
            CROSS JOIN LATERAL (SELECT {OpenColumns} AND evidence_kind = k.kind {OpenOrder} LIMIT 3) x
            UNION
            SELECT x.* FROM unnest(@elements::text[]) e(code)
            CROSS JOIN LATERAL (SELECT {OpenColumns} AND e.code = ANY(element_codes) {OpenOrder} LIMIT 3) x
            UNION
            SELECT x.* FROM unnest(@types::text[]) t(type)
            CROSS JOIN LATERAL (SELECT {OpenColumns} AND decision_type = t.type {OpenOrder} LIMIT 3) x
            UNION
            (SELECT {OpenColumns}
                 AND EXISTS (SELECT 1 FROM qa_coverage u WHERE u.qualification_id = @qualificationId
                     AND u.requirement LIKE 'candidate:%' AND u.decisions > 0 AND u.sampled = 0)
                 AND NOT EXISTS (SELECT 1 FROM qa_coverage c WHERE c.qualification_id = @qualificationId
                     AND c.requirement = 'candidate:' || candidate_id AND c.sampled > 0)
             {OpenOrder} LIMIT @limit * 4))
        SELECT d.source, d.id, d.assessor_id, d.candidate_id, d.enrolment_id, d.evidence_kind, d.element_codes,
               d.decision_type, d.decided_at, d.sampled, c.decisions AS candidate_decisions, c.sampled AS candidate_sampled
        FROM picked d
        LEFT JOIN qa_coverage c
            ON c.qualification_id = @qualificationId AND c.requirement = 'candidate:' || d.candidate_id
        WHERE d.centre_id = @centreId
        """;

    /// <summary>
    /// The open decisions a proposal of at most <paramref name="limit"/> decisions needs to choose from (without
    /// names), and the qualification's coverage (as the grid reads it) with the counts of those decisions' candidates added.
    /// </summary>
    public async Task<(IReadOnlyList<Decision> Open, Coverage Coverage)> ProposalChoicesAsync(long centreId,
        SamplingPlan plan, Coverage coverage, int limit, CancellationToken ct = default)
    {
        string[] Uncovered(string prefix) => coverage.Counts
            .Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal) && c.Value.Decisions > 0 && c.Value.Sampled == 0)
            .Select(c => c.Key[prefix.Length..]).ToArray();
        // Assessors below their rate share the batch; each needs at most their share of it (and one more).
        var assessors = coverage.Counts.Where(c => c.Key.StartsWith("assessor:", StringComparison.Ordinal))
            .Select(c => (Id: long.Parse(c.Key["assessor:".Length..], System.Globalization.CultureInfo.InvariantCulture), c.Value))
            .Where(a => a.Value.Decisions > a.Value.Sampled
                && SampleProposal.Target(a.Value.Decisions, plan.RateFor(a.Id).RatePercent) > a.Value.Sampled)
            .Select(a => a.Id).ToArray();
        var args = new
        {
            centreId, plan.QualificationId, limit, assessors, perAssessor = limit / Math.Max(1, assessors.Length) + 2,
            kinds = Uncovered("kind:"), elements = Uncovered("element:"), types = Uncovered("type:"),
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<DecisionRow>(
            new CommandDefinition(ProposalChoicesSql, args, cancellationToken: ct))).ToList();
        var counts = new Dictionary<string, CoverageCell>(coverage.Counts, StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.CandidateDecisions is > 0 and var decisions)
            {
                counts[$"candidate:{r.CandidateId}"] = new CoverageCell(decisions, r.CandidateSampled ?? 0);
            }
        }
        return (rows.Select(d => d.ToDecision()).ToList(), new Coverage(counts));
    }

    const string AssessorNamesSql = "SELECT id, display_name FROM people WHERE centre_id = @centreId AND id = ANY(@ids)";

    /// <summary>The coverage grid: the assessors with decisions down the side, the qualification's elements across.</summary>
    public async Task<CoverageGrid> GridAsync(long centreId, SamplingPlan plan, Coverage coverage, CancellationToken ct = default)
    {
        var ids = coverage.Counts.Keys.Where(k => k.StartsWith("assessor:", StringComparison.Ordinal))
            .Select(k => long.Parse(k["assessor:".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        IReadOnlyList<(long, string)> names;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            names = (await conn.QueryAsync<(long, string)>(new CommandDefinition(AssessorNamesSql, new { centreId, ids }, cancellationToken: ct))).ToList();
        }
        var elements = await ElementCodesAsync(plan.QualificationId, ct);
        return CoverageGrid.Of(coverage, names, elements, a => plan.RateFor(a).RatePercent);
    }
}
