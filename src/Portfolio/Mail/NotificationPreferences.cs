using System.Text.Json;
using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Mail;

/// <summary>A person's saved choices: each kind's delivery (immediately if not chosen) and the row version.</summary>
public sealed record NotificationChoices(IReadOnlyDictionary<string, string> Choices, long Version)
{
    public string For(string kind) =>
        Choices.TryGetValue(kind, out var delivery) ? delivery : NotificationKinds.Immediately;
}

/// <summary>
/// Reads and changes how each person takes their notification emails. The outbox reads the same row when a message is
/// queued (<see cref="Outbox.QueueToPersonAsync"/>), so a change applies to the next event.
/// </summary>
public sealed class NotificationPreferences(NpgsqlDataSource db)
{
    const string ReadSql = """
        SELECT choices::text AS choices, xmin::text::bigint AS version
        FROM notification_settings WHERE person_id = @personId
        """;

    public async Task<NotificationChoices> ReadAsync(long personId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Choices, long Version)?>(new CommandDefinition(ReadSql,
            new { personId }, cancellationToken: ct));
        return row is { } r
            ? new NotificationChoices(JsonSerializer.Deserialize<Dictionary<string, string>>(r.Choices) ?? [],
                r.Version)
            : new NotificationChoices(new Dictionary<string, string>(), 0);
    }

    // Version 0 is a form read before the person had a row: it saves only if nobody has made one since.
    const string InsertSql = """
        INSERT INTO notification_settings (person_id, choices) VALUES (@personId, @choices::jsonb)
        ON CONFLICT (person_id) DO NOTHING
        """;

    const string UpdateSql = """
        UPDATE notification_settings SET choices = choices || @choices::jsonb, updated_at = now()
        WHERE person_id = @personId AND xmin::text::bigint = @version
        """;

    /// <summary>
    /// Saves the choices the form showed, if the row is still the version the form was read at; false (nothing saved)
    /// when it changed in between. Only known kinds and deliveries are accepted.
    /// </summary>
    public async Task<bool> SaveAsync(long centreId, long personId, IReadOnlyDictionary<string, string> choices,
        long version, string? remoteAddress, CancellationToken ct = default)
    {
        if (choices.Any(c => !NotificationKinds.IsNotification(c.Key)
                             || !NotificationKinds.Deliveries.Contains(c.Value)))
        {
            throw new ArgumentException("Unknown kind of notification or delivery", nameof(choices));
        }
        var json = JsonSerializer.Serialize(choices);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var saved = await conn.ExecuteAsync(new CommandDefinition(version == 0 ? InsertSql : UpdateSql,
            new { personId, choices = json, version }, tx, cancellationToken: ct));
        if (saved == 0)
        {
            return false;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("notifications.changed", centreId, personId, "person",
            personId, After: choices, RemoteAddress: remoteAddress), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    // One statement, so it needs no version: the kind becomes "none" whatever else the row holds. The digest's own
    // link turns every kind taken in the digest to "none".
    const string StopSql = """
        INSERT INTO notification_settings (person_id, choices)
        SELECT p.id, CASE WHEN @kind = 'digest' THEN '{}'::jsonb ELSE jsonb_build_object(@kind, 'none') END
        FROM people p WHERE p.id = @personId AND p.active
        ON CONFLICT (person_id) DO UPDATE
        SET choices = notification_settings.choices || CASE WHEN @kind = 'digest'
                THEN coalesce((SELECT jsonb_object_agg(c.key, 'none')
                               FROM jsonb_each_text(notification_settings.choices) c
                               WHERE c.value = 'digest'), '{}'::jsonb)
                ELSE jsonb_build_object(@kind, 'none') END,
            updated_at = now()
        RETURNING (SELECT centre_id FROM people WHERE id = @personId)
        """;

    /// <summary>Stops one kind of email for a person (an unsubscribe link); false for no such active person.</summary>
    public async Task<bool> StopAsync(long personId, string kind, string? remoteAddress, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var centreId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(StopSql,
            new { personId, kind }, tx, cancellationToken: ct));
        if (centreId is null)
        {
            return false;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("notifications.unsubscribed", centreId, personId, "person",
            personId, After: new { kind }, RemoteAddress: remoteAddress), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    const string ActiveSql = "SELECT EXISTS (SELECT 1 FROM people WHERE id = @personId AND active)";

    /// <summary>Whether the person is still active (an unsubscribe link of anyone else asks nothing).</summary>
    public async Task<bool> IsActiveAsync(long personId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(ActiveSql, new { personId },
            cancellationToken: ct));
    }
}
