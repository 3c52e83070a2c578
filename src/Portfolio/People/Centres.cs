using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.People;

/// <summary>Creating a centre with its first administrator, in one transaction.</summary>
public static class Centres
{
    /// <summary>A person to add; with no password they have none until they choose one from an invitation.</summary>
    public sealed record NewPerson(string Email, string DisplayName, string? Password, IReadOnlyList<string> Roles);

    const string InsertCentreSql = "INSERT INTO centres (name) VALUES (@name) RETURNING id";

    const string InsertPersonSql = """
        INSERT INTO people (centre_id, email, display_name, password_hash, roles)
        VALUES (@centreId, @email, @displayName, @passwordHash, @roles)
        RETURNING id
        """;

    public static async Task<long> CreateAsync(NpgsqlDataSource db, string name, NewPerson administrator, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var centreId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertCentreSql, new { name = name.Trim() }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("centre.created", centreId, null, "centre", centreId, After: new { name }), tx, ct);
        await AddPersonAsync(conn, tx, centreId, null, administrator, ct);
        await tx.CommitAsync(ct);
        return centreId;
    }

    /// <summary>Adds a person to a centre inside the caller's transaction, audited.</summary>
    public static async Task<long> AddPersonAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long centreId, long? actorId, NewPerson person, CancellationToken ct = default)
    {
        var email = person.Email.Trim().ToLowerInvariant();
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertPersonSql, new
        {
            centreId,
            email,
            displayName = person.DisplayName.Trim(),
            passwordHash = person.Password is null ? null : Passwords.Hash(person.Password),
            roles = person.Roles.Distinct().ToArray(),
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("person.created", centreId, actorId, "person", id,
            After: new { email, person.DisplayName, person.Roles }), tx, ct);
        return id;
    }
}
