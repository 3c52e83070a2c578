using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Suggestions;

/// <summary>One logged suggestion event, as the IQA's log lists it.</summary>
public sealed record SuggestionEvent(DateTime At, string Event, string Strength, string PointCode, long ItemId, string ItemTitle,
    string CandidateName, string PersonName);

/// <summary>The centre's switch for suggestions and its log of every suggestion shown, accepted, dismissed or added.</summary>
public sealed class SuggestionLog(NpgsqlDataSource db)
{
    public const int PageSize = 50;

    const string SettingSql = "SELECT suggestions_enabled, xmin::text::bigint FROM centres WHERE id = @centreId";

    public async Task<(bool Enabled, long RowVersion)> SettingAsync(long centreId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<(bool, long)>(new CommandDefinition(SettingSql, new { centreId }, cancellationToken: ct));
    }

    // Switching on again asks for the suggestions of every draft the switch left without, newest first. Every evidence
    // page of the centre shows the switch, so every enrolment gets a new page version (PageCache).
    const string SetSql = """
        UPDATE centres SET suggestions_enabled = @enabled WHERE id = @centreId AND xmin::text::bigint = @rowVersion;
        UPDATE suggestion_runs s SET outcome = NULL, finished_at = NULL
        FROM evidence_items i WHERE @enabled AND i.id = s.item_id AND i.centre_id = @centreId AND s.outcome = 'switched-off';
        SELECT touch_enrolments(array_agg(id)) FROM enrolments WHERE centre_id = @centreId;
        """;

    /// <summary>Turns suggestions on or off for the centre; false when the setting changed since it was read.</summary>
    public async Task<bool> SetAsync(long centreId, long adminId, bool enabled, long rowVersion, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (before, current) = await conn.QuerySingleAsync<(bool, long)>(new CommandDefinition(SettingSql + " FOR UPDATE",
            new { centreId }, tx, cancellationToken: ct));
        if (current != rowVersion)
        {
            return false;
        }
        await conn.ExecuteAsync(new CommandDefinition(SetSql, new { centreId, enabled, rowVersion }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("centre.suggestions-switched", centreId, adminId, "centre", centreId,
            Before: new { enabled = before }, After: new { enabled }), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    const string PageSql = """
        SELECT v.at, v.event, v.strength, mp.code AS point_code, v.item_id, i.title AS item_title,
               c.display_name AS candidate_name, p.display_name AS person_name
        FROM suggestion_events v
        JOIN marking_points mp ON mp.id = v.marking_point_id JOIN evidence_items i ON i.id = v.item_id
        JOIN people c ON c.id = i.candidate_id JOIN people p ON p.id = v.person_id
        WHERE v.centre_id = @centreId AND (@event::text IS NULL OR v.event = @event)
        ORDER BY v.at DESC, v.id DESC
        LIMIT @limit OFFSET @offset
        """;

    const string CountSql = """
        SELECT count(*) FROM suggestion_events v WHERE v.centre_id = @centreId AND (@event::text IS NULL OR v.event = @event)
        """;

    /// <summary>A page of the centre's log, newest first, optionally of one kind of event, with the total.</summary>
    public async Task<(IReadOnlyList<SuggestionEvent> Events, long Total)> PageAsync(long centreId, string? @event, int page,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var args = new { centreId, @event, limit = PageSize, offset = (Math.Max(page, 1) - 1) * PageSize };
        var events = (await conn.QueryAsync<SuggestionEvent>(new CommandDefinition(PageSql, args, cancellationToken: ct))).ToList();
        return (events, await conn.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, args, cancellationToken: ct)));
    }
}
