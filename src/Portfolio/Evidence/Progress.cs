using Dapper;
using Npgsql;

namespace Portfolio.Evidence;

/// <summary>How far an enrolment has got in one element: marking points met, claimed, and in all.</summary>
public sealed record ElementProgress(long EnrolmentId, string ElementCode, string ElementTitle, int Total, int Claimed, int Met);

public sealed class Progress(NpgsqlDataSource db)
{
    // Kept up to date by the database in every write (migration M202611230900): a few rows, whatever the evidence.
    const string ByElementSql = """
        SELECT e.id AS enrolment_id, el.code AS element_code, el.title AS element_title, p.total, p.claimed, p.met
        FROM enrolments e
        JOIN enrolment_element_progress p ON p.enrolment_id = e.id
        JOIN rubric_elements el ON el.id = p.element_id
        JOIN rubric_units u ON u.id = el.unit_id
        WHERE e.candidate_id = @candidateId AND e.centre_id = @centreId
        ORDER BY e.id, u.position, el.position
        """;

    /// <summary>Per element of each of the candidate's enrolments, in rubric order.</summary>
    public async Task<IReadOnlyList<ElementProgress>> ByElementAsync(long centreId, long candidateId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ElementProgress>(new CommandDefinition(ByElementSql, new { centreId, candidateId }, cancellationToken: ct))).ToList();
    }
}
