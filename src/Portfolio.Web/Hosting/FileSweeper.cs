using Portfolio.Storage;

namespace Portfolio.Web.Hosting;

/// <summary>Runs the file sweep shortly after start and then every hour, logging what it removed.</summary>
public sealed class FileSweeper(FileSweep sweep, ILogger<FileSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                var result = await sweep.SweepAsync(ct: stoppingToken);
                if (result.TemporaryRemoved + result.OrphansRemoved > 0)
                {
                    log.LogInformation("File sweep removed {Temporary} temporary and {Orphans} unreferenced files", result.TemporaryRemoved, result.OrphansRemoved);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "File sweep failed; it will run again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
