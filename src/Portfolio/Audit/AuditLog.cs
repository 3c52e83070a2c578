using Dapper;
using Npgsql;

namespace Portfolio.Audit;

/// <summary>An audit row, with the revision it concerns (when it names one) so a page can link to where the text lives.</summary>
public sealed record AuditEntry(long Id, DateTime OccurredAt, string Action, string? ActorName, string? SubjectType, long? SubjectId,
    string? RemoteAddress, string? Before, string? After, long? RevisionItemId = null, int? RevisionNumber = null,
    bool RevisionSubmitted = false)
{
    public string What => AuditDescription.What(Action);
    public IReadOnlyList<string> Details => AuditDescription.Details(this);
}

/// <summary>Reading the audit trail: everything that happened to one candidate's enrolment and its evidence.</summary>
public sealed class AuditLog(NpgsqlDataSource db)
{
    // Each kind of row is found through its own index (audit_events_subject, audit_events_mapping_item), so the cost is
    // the candidate's own trail, never the centre's.
    const string ForEnrolmentSql = """
        WITH enrolment AS (SELECT candidate_id FROM enrolments WHERE id = @enrolmentId AND centre_id = @centreId),
             items AS (SELECT id FROM evidence_items WHERE enrolment_id = @enrolmentId AND EXISTS (SELECT 1 FROM enrolment)),
             events AS (
                 SELECT a.id FROM audit_events a JOIN items ON a.subject_type = 'evidence_item' AND a.subject_id = items.id
                 UNION ALL
                 SELECT a.id FROM audit_events a JOIN items
                     ON a.subject_type = 'mapping' AND coalesce(a.after->>'itemId', a.before->>'itemId')::bigint = items.id
                 UNION ALL
                 SELECT a.id FROM audit_events a, enrolment e
                 WHERE a.subject_type = 'enrolment' AND a.subject_id = @enrolmentId
                 UNION ALL
                 SELECT a.id FROM audit_events a JOIN enrolment e ON a.subject_type = 'person' AND a.subject_id = e.candidate_id)
        SELECT a.id, a.occurred_at, a.action, p.display_name AS actor_name, a.subject_type, a.subject_id, a.remote_address,
               a.before::text AS before, a.after::text AS after, r.item_id AS revision_item_id, r.number AS revision_number,
               r.submitted_at IS NOT NULL AS revision_submitted
        FROM events JOIN audit_events a ON a.id = events.id LEFT JOIN people p ON p.id = a.actor_id
        LEFT JOIN evidence_revisions r ON r.id = coalesce(a.after->>'revisionId', a.before->>'revisionId')::bigint
        WHERE a.centre_id = @centreId
        ORDER BY a.id DESC
        LIMIT @limit
        """;

    /// <summary>Newest first; empty when the enrolment is not the centre's.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForEnrolmentAsync(long centreId, long enrolmentId, int limit = 500, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<AuditEntry>(new CommandDefinition(ForEnrolmentSql, new { centreId, enrolmentId, limit }, cancellationToken: ct))).ToList();
    }
}
