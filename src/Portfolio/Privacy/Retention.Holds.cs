using Dapper;
using Portfolio.Audit;

namespace Portfolio.Privacy;

/// <summary>A legal hold on a person or one enrolment: while in force, nothing of theirs is disposed of or erased.</summary>
public sealed record LegalHold(long Id, long? EnrolmentId, string? QualificationCode, string Reason, DateTime PlacedAt,
    string PlacedBy, DateTime? ReleasedAt, string? ReleaseReason);

public sealed partial class Retention
{
    const string HoldsSql = """
        SELECT h.id, h.enrolment_id, q.code AS qualification_code, h.reason, h.placed_at, p.display_name AS placed_by,
               h.released_at, h.release_reason
        FROM legal_holds h JOIN people p ON p.id = h.placed_by
        LEFT JOIN enrolments e ON e.id = h.enrolment_id LEFT JOIN qualifications q ON q.id = e.qualification_id
        WHERE h.centre_id = @centreId AND (h.person_id = @personId OR e.candidate_id = @personId)
        ORDER BY h.released_at IS NULL DESC, h.placed_at DESC
        """;

    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(long centreId, long personId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<LegalHold>(new CommandDefinition(HoldsSql, new { centreId, personId }, cancellationToken: ct))).ToList();
    }

    // The enrolment, when given, must be the person's; both must be the centre's.
    const string PlaceSql = """
        INSERT INTO legal_holds (centre_id, person_id, enrolment_id, reason, placed_by)
        SELECT @centreId, CASE WHEN @enrolmentId::bigint IS NULL THEN p.id END, @enrolmentId, @reason, @actorId
        FROM people p WHERE p.id = @personId AND p.centre_id = @centreId
          AND (@enrolmentId::bigint IS NULL OR EXISTS (SELECT 1 FROM enrolments e WHERE e.id = @enrolmentId AND e.candidate_id = p.id))
        RETURNING id;
        DELETE FROM disposals_due WHERE candidate_id = @personId AND centre_id = @centreId;
        """;

    /// <summary>Places a hold; false when the person (or the enrolment) is not the centre's.</summary>
    public async Task<bool> PlaceHoldAsync(long centreId, long actorId, long personId, long? enrolmentId, string reason, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(PlaceSql,
            new { centreId, actorId, personId, enrolmentId, reason = reason.Trim() }, tx, cancellationToken: ct));
        if (id is null)
        {
            return false;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("legal-hold.placed", centreId, actorId, "person", personId,
            After: new { holdId = id, enrolmentId }), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    const string ReleaseSql = """
        UPDATE legal_holds h SET released_at = now(), released_by = @actorId, release_reason = @reason
        WHERE h.id = @holdId AND h.centre_id = @centreId AND h.released_at IS NULL
          AND (h.person_id = @personId OR h.enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId))
        RETURNING h.id
        """;

    /// <summary>Releases a hold in force; false when there is no such hold in force for the person.</summary>
    public async Task<bool> ReleaseHoldAsync(long centreId, long actorId, long personId, long holdId, string reason, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var released = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(ReleaseSql,
            new { centreId, actorId, personId, holdId, reason = reason.Trim() }, tx, cancellationToken: ct));
        if (released is null)
        {
            return false;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("legal-hold.released", centreId, actorId, "person", personId,
            After: new { holdId }), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
