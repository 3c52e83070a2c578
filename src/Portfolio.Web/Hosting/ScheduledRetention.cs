using Dapper;
using Npgsql;
using Portfolio.Privacy;

namespace Portfolio.Web.Hosting;

/// <summary>
/// The daily retention check, built like the daily backup: shortly after start and then every day, each centre's list of
/// portfolios past their keeping date is made again for its administrators (Centre administration, Retention); a centre
/// that chose automatic disposal has them disposed of there and then. Off with Retention:Daily=false.
/// </summary>
public sealed class ScheduledRetention(NpgsqlDataSource db, Retention retention, IConfiguration config,
    ILogger<ScheduledRetention> log) : BackgroundService
{
    const string CentresSql = """
        SELECT c.id AS centre_id, coalesce(p.automatic_disposal, false) AS automatic
        FROM centres c LEFT JOIN retention_policies p ON p.centre_id = c.id ORDER BY c.id
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Retention:Daily", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1));
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The daily retention check failed; it runs again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task RunOnceAsync(CancellationToken ct)
    {
        List<(long CentreId, bool Automatic)> centres;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            centres = (await conn.QueryAsync<(long, bool)>(new CommandDefinition(CentresSql, cancellationToken: ct))).ToList();
        }
        foreach (var (centreId, automatic) in centres)
        {
            var due = await retention.RefreshDueAsync(centreId, ct);
            if (automatic && due > 0)
            {
                var ids = (await retention.DueAsync(centreId, int.MaxValue, ct)).Due.Select(d => d.CandidateId).ToList();
                var run = await retention.DisposeAsync(centreId, ids, null, ct);
                log.LogInformation("Centre {Centre}: disposed of {Count} portfolios past their date", centreId, run.Disposed);
            }
        }
    }
}
