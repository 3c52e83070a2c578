using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Tests.Privacy;

public sealed class ErasureMarkTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Outside_an_erasure_the_database_refuses_even_the_erasure_mark_on_an_audit_event()
    {
        var centre = await db.CentreAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await AuditTrail.WriteAsync(conn, new AuditEvent("test.happened", centre, null, "centre", centre, After: new { note = "x" }));

        var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(
            """UPDATE audit_events SET after = '{"erased": true}' WHERE action = 'test.happened'"""));

        Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inside_an_erasure_only_the_erasure_mark_may_be_written_and_the_event_itself_stays()
    {
        var person = await db.PersonAsync(await db.CentreAsync(), "candidate");
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await AuditTrail.WriteAsync(conn, new AuditEvent("test.erasable", person.CentreId, person.Id, "person", person.Id, After: new { note = "x" }));
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("INSERT INTO erasures (centre_id, person_id, kind, reason) VALUES (@CentreId, @Id, 'request', 'test')", person, tx);

        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(
            "UPDATE audit_events SET action = 'changed' WHERE action = 'test.erasable'", transaction: tx));
        await tx.RollbackAsync();
        await using var again = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("INSERT INTO erasures (centre_id, person_id, kind, reason) VALUES (@CentreId, @Id, 'request', 'test')", person, again);
        await conn.ExecuteAsync("""UPDATE audit_events SET after = '{"erased": true}' WHERE action = 'test.erasable'""", transaction: again);
        await again.CommitAsync();

        Assert.Equal("""{"erased": true}""", await conn.ExecuteScalarAsync<string>("SELECT after::text FROM audit_events WHERE action = 'test.erasable'"));
    }
}
