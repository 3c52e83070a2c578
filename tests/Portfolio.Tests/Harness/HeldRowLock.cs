using Dapper;
using Npgsql;

namespace Portfolio.Tests.Harness;

/// <summary>
/// Makes writes meet at the same moment: holds a row lock in an open transaction so that every write which needs the
/// row queues behind it with the snapshot it already took, then lets them all go at once.
/// </summary>
public sealed class HeldRowLock : IAsyncDisposable
{
    readonly NpgsqlConnection conn;
    readonly NpgsqlTransaction tx;

    HeldRowLock(NpgsqlConnection conn, NpgsqlTransaction tx) => (this.conn, this.tx) = (conn, tx);

    /// <summary>Runs <paramref name="lockSql"/> (a SELECT ... FOR UPDATE) and keeps its transaction open.</summary>
    public static async Task<HeldRowLock> TakeAsync(NpgsqlDataSource db, string lockSql, object args)
    {
        var conn = await db.OpenConnectionAsync();
        var tx = await conn.BeginTransactionAsync();
        Assert.Single(await conn.QueryAsync(lockSql, args, tx));
        return new HeldRowLock(conn, tx);
    }

    /// <summary>Waits until <paramref name="waiters"/> other sessions of this database wait for a lock, then releases.</summary>
    public async Task ReleaseWhenWaitingAsync(int waiters)
    {
        const string WaitingSql = """
            SELECT count(*)::int FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
            """;
        // Activity is read once per transaction unless the snapshot is cleared.
        var queued = await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () =>
        {
            await conn.ExecuteAsync("SELECT pg_stat_clear_snapshot()", transaction: tx);
            return await conn.ExecuteScalarAsync<int>(WaitingSql, transaction: tx) >= waiters;
        });
        await tx.RollbackAsync();
        Assert.True(queued, $"expected {waiters} writes waiting for the held row");
    }

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await conn.DisposeAsync();
    }
}
