using Dapper;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Evidence;

namespace Portfolio.Suggestions;

/// <summary>The candidate accepting or dismissing a suggestion, and an assessor adding a suggested point.</summary>
public sealed partial class SuggestionStore
{
    sealed record Target(long Id, long MarkingPointId, string Strength, string? FileSha256, int StartOffset, int EndOffset,
        string Text, string? FileText);

    // The suggestion of the item's newest revision, which must still be the candidate's draft, with the text it quotes.
    const string TargetSql = """
        SELECT g.id, g.marking_point_id, g.strength, g.file_sha256, g.start_offset, g.end_offset, r.text,
               (SELECT s.extracted_text FROM stored_files s WHERE s.sha256 = g.file_sha256) AS file_text
        FROM suggestions g JOIN suggestion_runs u ON u.revision_id = g.revision_id AND u.outcome = 'ready'
        JOIN evidence_revisions r ON r.id = g.revision_id JOIN evidence_items i ON i.id = r.item_id
        WHERE g.id = @suggestionId AND i.id = @itemId AND i.candidate_id = @candidateId AND i.centre_id = @centreId
          AND r.submitted_at IS NULL
          AND r.number = (SELECT max(number) FROM evidence_revisions WHERE item_id = i.id)
        FOR UPDATE OF r
        """;

    const string EventSql = """
        INSERT INTO suggestion_events (centre_id, item_id, suggestion_id, marking_point_id, person_id, event, strength)
        VALUES (@centreId, @itemId, @suggestionId, @pointId, @personId, @event, @strength)
        """;

    const string MarkMappingSql = """
        UPDATE mappings SET suggestion_id = @suggestionId, suggested_strength = @strength
        WHERE item_id = @itemId AND marking_point_id = @pointId
        """;

    /// <summary>
    /// Claims the suggested point with an annotation on the quoted passage, in one transaction with the log and the
    /// mapping's note that it began as a suggestion. NotFound when the suggestion is not of the candidate's draft.
    /// </summary>
    public async Task<EvidenceRefusal> AcceptAsync(long centreId, long candidateId, long itemId, long suggestionId,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var t = await conn.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(TargetSql,
            new { centreId, candidateId, itemId, suggestionId }, tx, cancellationToken: ct));
        var text = t?.FileSha256 is null ? t?.Text : t.FileText;
        if (t is null || text is null || t.EndOffset > text.Length)
        {
            return EvidenceRefusal.NotFound;
        }
        var anchor = AnnotationAnchor.Create(text, t.StartOffset, t.EndOffset);
        var (refusal, _) = await EvidenceStore.AnnotateAsync(conn, tx, centreId, candidateId, itemId,
            new EvidenceStore.NewAnnotation(anchor, t.FileSha256, null, "", [t.MarkingPointId]), ct);
        if (refusal != EvidenceRefusal.None)
        {
            return refusal;
        }
        var args = new { centreId, itemId, suggestionId, pointId = t.MarkingPointId, personId = candidateId, t.Strength };
        await AuditTrail.WriteAsync(conn, new AuditEvent("suggestion.accepted", centreId, candidateId, "evidence_item", itemId,
            After: new { suggestionId, pointId = t.MarkingPointId, t.Strength }), tx, ct);
        await conn.ExecuteAsync(new CommandDefinition(MarkMappingSql, args, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(EventSql, new
        {
            centreId, itemId, suggestionId, pointId = t.MarkingPointId, personId = candidateId, @event = "accepted", t.Strength,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }

    const string DismissSql = """
        INSERT INTO suggestion_dismissals (item_id, marking_point_id, dismissed_by)
        VALUES (@itemId, @pointId, @personId) ON CONFLICT DO NOTHING
        """;

    /// <summary>Hides the suggested point on this item for the candidate, and logs it.</summary>
    public async Task<EvidenceRefusal> DismissAsync(long centreId, long candidateId, long itemId, long suggestionId,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var t = await conn.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(TargetSql,
            new { centreId, candidateId, itemId, suggestionId }, tx, cancellationToken: ct));
        if (t is null)
        {
            return EvidenceRefusal.NotFound;
        }
        var args = new { centreId, itemId, suggestionId, pointId = t.MarkingPointId, personId = candidateId, t.Strength };
        await conn.ExecuteAsync(new CommandDefinition(DismissSql, args, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(EventSql, new
        {
            centreId, itemId, suggestionId, pointId = t.MarkingPointId, personId = candidateId, @event = "dismissed", t.Strength,
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("suggestion.dismissed", centreId, candidateId, "evidence_item", itemId,
            After: new { suggestionId, pointId = t.MarkingPointId, t.Strength }), tx, ct);
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }

    const string AddedSql = """
        WITH g AS (
            SELECT g.id, g.marking_point_id, g.strength FROM suggestions g JOIN evidence_revisions r ON r.id = g.revision_id
            WHERE g.id = @suggestionId AND r.item_id = @itemId AND g.marking_point_id = @pointId),
        marked AS (
            UPDATE mappings m SET suggestion_id = g.id, suggested_strength = g.strength FROM g
            WHERE m.item_id = @itemId AND m.marking_point_id = g.marking_point_id RETURNING m.id)
        INSERT INTO suggestion_events (centre_id, item_id, suggestion_id, marking_point_id, person_id, event, strength)
        SELECT @centreId, @itemId, g.id, g.marking_point_id, @assessorId, 'added-by-assessor', g.strength FROM g
        """;

    /// <summary>
    /// Inside the assessor's save: the point they added came from this suggestion of the item, so its mapping says so
    /// and the log records it. A suggestion of another item or point is ignored.
    /// </summary>
    public static Task AddedByAssessorAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long centreId, long assessorId,
        long itemId, long pointId, long suggestionId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(AddedSql, new { centreId, assessorId, itemId, pointId, suggestionId }, tx,
            cancellationToken: ct));
}
