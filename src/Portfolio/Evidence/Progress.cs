using Dapper;
using Npgsql;

namespace Portfolio.Evidence;

/// <summary>How far an enrolment has got in one element: marking points met, claimed, and in all.</summary>
public sealed record ElementProgress(long EnrolmentId, string ElementCode, string ElementTitle, int Total, int Claimed, int Met);

public sealed class Progress(NpgsqlDataSource db)
{
    const string ByElementSql = """
        SELECT e.id AS enrolment_id, el.code AS element_code, el.title AS element_title, count(mp.id)::int AS total,
               count(mp.id) FILTER (WHERE EXISTS (
                   SELECT 1 FROM mappings m JOIN evidence_items i ON i.id = m.item_id
                   WHERE m.marking_point_id = mp.id AND i.enrolment_id = e.id))::int AS claimed,
               count(mp.id) FILTER (WHERE EXISTS (
                   SELECT 1 FROM (
                       SELECT DISTINCT ON (j.item_id) j.outcome FROM judgements j JOIN evidence_items i ON i.id = j.item_id
                       WHERE j.marking_point_id = mp.id AND i.enrolment_id = e.id
                       ORDER BY j.item_id, j.judged_at DESC, j.id DESC) latest
                   WHERE latest.outcome = 'met'))::int AS met
        FROM enrolments e
        JOIN rubric_elements el ON el.rubric_version_id = e.rubric_version_id
        JOIN rubric_units u ON u.id = el.unit_id
        JOIN marking_points mp ON mp.element_id = el.id
        WHERE e.candidate_id = @candidateId AND e.centre_id = @centreId
        GROUP BY e.id, el.id, u.position ORDER BY e.id, u.position, el.position
        """;

    /// <summary>Per element of each of the candidate's enrolments, in rubric order.</summary>
    public async Task<IReadOnlyList<ElementProgress>> ByElementAsync(long centreId, long candidateId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ElementProgress>(new CommandDefinition(ByElementSql, new { centreId, candidateId }, cancellationToken: ct))).ToList();
    }
}
