using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Tests.Database;

public sealed class AuditEventTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    async Task<long> WriteOneAsync()
    {
        var centre = await db.CentreAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await AuditTrail.WriteAsync(conn, new AuditEvent("test.happened", centre, null, "centre", centre, After: new { note = "x" }));
        return await conn.ExecuteScalarAsync<long>("SELECT max(id) FROM audit_events");
    }

    [Fact]
    public async Task The_database_refuses_to_update_an_audit_event()
    {
        var id = await WriteOneAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();

        var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("UPDATE audit_events SET action = 'changed' WHERE id = @id", new { id }));

        Assert.Contains("append-only", e.MessageText);
        Assert.Equal("test.happened", await conn.ExecuteScalarAsync<string>("SELECT action FROM audit_events WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task The_database_refuses_to_delete_or_truncate_audit_events()
    {
        var id = await WriteOneAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();

        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("DELETE FROM audit_events WHERE id = @id", new { id }));
        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("TRUNCATE audit_events"));

        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_events WHERE id = @id", new { id }));
    }
}
