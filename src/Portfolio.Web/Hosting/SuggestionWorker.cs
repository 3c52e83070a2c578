using Portfolio.Suggestions;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Works out marking-point suggestions after saves, on every node, newest request first, so no page ever waits on the
/// model. The model loads on the first request for suggestions; if it cannot load, the reason is logged once and runs
/// end as "model unavailable" (the pages say so) while the rest of the site carries on.
/// </summary>
public sealed class SuggestionWorker(SuggestionRuns runs, SentenceModel model, IConfiguration config, ILogger<SuggestionWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(config.GetValue("Suggestions:PollMilliseconds", 1000));
        var failureLogged = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await runs.RunNextAsync(stoppingToken))
                {
                    if (!failureLogged && model.Failure is { } failure)
                    {
                        failureLogged = true;
                        log.LogWarning("Marking-point suggestions are off: the sentence model could not be loaded ({Reason})", failure);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Suggestions could not be worked out this round and will be tried again: {Message}", e.Message);
            }
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The site's model: the one inside the package, or none when Suggestions:Model is "off".</summary>
    public static SentenceModel Model(IConfiguration config) =>
        string.Equals(config["Suggestions:Model"], "off", StringComparison.OrdinalIgnoreCase)
            ? SentenceModel.Unavailable("Suggestions:Model is set to off in the site's configuration")
            : SentenceModel.Local;
}
