using Portfolio.Backups;
using Portfolio.Storage;

namespace Portfolio.Web.Hosting;

/// <summary>
/// The embedded default's daily backup: at Backup:Hour (server local time, default 02:00) an archive goes to
/// Backup:Folder (default: beside the data folder) and only the newest Backup:Keep (default 7) are kept. Each attempt
/// is recorded for the administrator's home page. Off with Backup:Daily=false, and never run for a configured server,
/// whose operators back it up with their own tools or the backup command.
/// </summary>
public sealed class ScheduledBackups(PortfolioDatabase database, FileStore files, BackupRuns runs,
    IConfiguration config,
    TimeProvider clock, ILogger<ScheduledBackups> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.IsEmbedded || !config.GetValue("Backup:Daily", true))
        {
            return;
        }
        var hour = Math.Clamp(config.GetValue("Backup:Hour", 2), 0, 23);
        var keep = Math.Max(1, config.GetValue("Backup:Keep", 7));
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = UntilNext(hour, clock.GetLocalNow());
            log.LogInformation("Next daily backup in {Wait} to {Folder}", wait, database.BackupFolder);
            await Task.Delay(wait, clock, stoppingToken);
            try
            {
                var result = await runs.BackUpAsync(new PostgresTools(database.BinFolder), database.ConnectionString,
                    files,
                    database.BackupFolder, keep, line => log.LogInformation("{Line}", line), stoppingToken);
                log.LogInformation("Daily backup written: {Archive} ({Size} bytes)", result.Archive, result.Size);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The daily backup failed; the administrator's home page says so until one succeeds");
            }
        }
    }

    /// <summary>How long from now until the next time the local clock shows the hour.</summary>
    internal static TimeSpan UntilNext(int hour, DateTimeOffset now)
    {
        var next = new DateTimeOffset(now.Date.AddHours(hour), now.Offset);
        return next > now ? next - now : next.AddDays(1) - now;
    }
}
