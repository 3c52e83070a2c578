using System.Diagnostics;
using Npgsql;
using Portfolio.Web.Account;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Keeps one connection listening on <see cref="SessionCache.Channel"/> and hands every notice to the session cache.
/// The cache keeps nothing until a notice the node sends itself has come back on this connection, and the node sends
/// one every few seconds: a connection that drops or goes silent, or a connection pooler that does not pass notices on
/// (PgBouncer in transaction mode), leaves every session checked in the database. A new connection is tried every second.
/// </summary>
public sealed class SessionNotices(SessionCache cache, NpgsqlDataSource db, ILogger<SessionNotices> log) : BackgroundService
{
    static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(3);
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cache.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, notice) => cache.Heard(notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {SessionCache.Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                await ListenAsync(conn, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                cache.Deaf();
                log.LogWarning("Not hearing session changes ({Message}); every session is checked in the database until they are heard again", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        cache.Deaf();
    }

    /// <summary>Hands notices on while checking, every few seconds, that one the node sends itself comes back.</summary>
    async Task ListenAsync(NpgsqlConnection conn, CancellationToken stoppingToken)
    {
        var probe = cache.HearsOwnNoticeAsync(stoppingToken);
        var sinceProbe = Stopwatch.StartNew();
        var hearing = false;
        while (true)
        {
            // Notices are handed on only while the connection waits, so the probe is awaited between waits.
            await conn.WaitAsync(Poll, stoppingToken);
            if (probe is { IsCompleted: true })
            {
                if (!await probe)
                {
                    throw new TimeoutException("a notice this node sent did not come back within two seconds");
                }
                if (!hearing)
                {
                    cache.Listening();
                    hearing = true;
                }
                probe = null;
                sinceProbe.Restart();
            }
            if (probe is null && sinceProbe.Elapsed >= CheckEvery)
            {
                probe = cache.HearsOwnNoticeAsync(stoppingToken);
            }
        }
    }
}
