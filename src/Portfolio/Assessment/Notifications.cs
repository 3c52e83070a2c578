using System.Data;
using Dapper;
using Npgsql;

namespace Portfolio.Assessment;

public sealed record Notification(long Id, string Text, string Link, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>In-site notifications: written in the same transaction as the change they announce.</summary>
public sealed class Notifications(NpgsqlDataSource db)
{
    const string InsertSql = "INSERT INTO notifications (centre_id, person_id, text, link) VALUES (@centreId, @personId, @text, @link)";

    public static Task NotifyAsync(IDbConnection conn, IDbTransaction tx, long centreId, long personId, string text, string link, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(InsertSql, new { centreId, personId, text, link }, tx, cancellationToken: ct));

    const string UnreadSql = "SELECT count(*)::int FROM notifications WHERE person_id = @personId AND read_at IS NULL";

    public async Task<int> UnreadCountAsync(long personId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(UnreadSql, new { personId }, cancellationToken: ct));
    }

    const string ListSql = "SELECT id, text, link, created_at, read_at FROM notifications WHERE person_id = @personId ORDER BY created_at DESC, id DESC LIMIT 100";

    public async Task<IReadOnlyList<Notification>> ListAsync(long personId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Notification>(new CommandDefinition(ListSql, new { personId }, cancellationToken: ct))).ToList();
    }

    const string MarkReadSql = """
        UPDATE notifications SET read_at = now()
        WHERE person_id = @personId AND read_at IS NULL AND (@id::bigint IS NULL OR id = @id)
        """;

    /// <summary>Marks one notification (or, with no id, all of them) read; only the person's own.</summary>
    public async Task<int> MarkReadAsync(long personId, long? id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(MarkReadSql, new { personId, id }, cancellationToken: ct));
    }
}
