using Npgsql;
using Portfolio.Web.Account;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Keeps one connection listening on <see cref="SessionCache.Channel"/> and hands every notice to the session cache.
/// A connection that drops (or stops answering its check every few seconds) makes the cache keep nothing until a new one
/// is listening; it is tried again every second.
/// </summary>
public sealed class SessionNotices(SessionCache cache, NpgsqlDataSource db, ILogger<SessionNotices> log) : BackgroundService
{
    static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
                cache.Listening();
                while (true)
                {
                    if (!await conn.WaitAsync(CheckEvery, stoppingToken))
                    {
                        // Nothing for a while: make sure the connection is still there rather than silently gone.
                        await using var check = new NpgsqlCommand("SELECT 1", conn) { CommandTimeout = 5 };
                        await check.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                cache.Deaf();
                log.LogWarning("Not listening for session changes ({Message}); every session is checked in the database until it is back", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        cache.Deaf();
    }
}
