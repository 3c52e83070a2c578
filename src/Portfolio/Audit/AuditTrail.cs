using System.Data;
using System.Text.Json;
using Dapper;

namespace Portfolio.Audit;

/// <summary>Who did what, when and from where; before and after as JSON. Append-only in the database.</summary>
public sealed record AuditEvent(
    string Action,
    long? CentreId,
    long? ActorId,
    string? SubjectType = null,
    long? SubjectId = null,
    object? Before = null,
    object? After = null,
    string? RemoteAddress = null);

public static class AuditTrail
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    const string InsertSql = """
        INSERT INTO audit_events (centre_id, actor_id, action, subject_type, subject_id, remote_address, before, after)
        VALUES (@CentreId, @ActorId, @Action, @SubjectType, @SubjectId, @RemoteAddress, @Before::jsonb, @After::jsonb)
        """;

    /// <summary>Writes the event on the caller's connection, inside the caller's transaction when there is one.</summary>
    public static Task WriteAsync(IDbConnection conn, AuditEvent e, IDbTransaction? tx = null, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            e.CentreId,
            e.ActorId,
            e.Action,
            e.SubjectType,
            e.SubjectId,
            e.RemoteAddress,
            Before = e.Before is null ? null : JsonSerializer.Serialize(e.Before, Json),
            After = e.After is null ? null : JsonSerializer.Serialize(e.After, Json),
        }, tx, cancellationToken: ct));
}
