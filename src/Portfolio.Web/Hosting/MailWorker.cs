using Portfolio.Mail;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Sends the outbox on every node: writes any daily digests now due into it, sends batch after batch while messages
/// are due, then pauses for Mail:PollSeconds.
/// A database or mail server that is down is logged and tried again on the next round; nothing waiting is lost.
/// </summary>
public sealed class MailWorker(OutboxSender sender, DailyDigest digest, MailSettings settings, ILogger<MailWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.UsesSmtp)
        {
            log.LogInformation("No Mail:Host is set: email is written as .eml files to {Folder}", settings.PickupFolder);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await digest.WriteDueAsync(stoppingToken);
                while (await sender.SendDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Email could not be sent this round and will be tried again: {Message}", e.Message);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The Mail: settings, with the site's first listening address and the data folder's mail/ as defaults.</summary>
    public static MailSettings Settings(IConfiguration config, PortfolioDatabase database)
    {
        var settings = config.GetSection("Mail").Get<MailSettings>() ?? new MailSettings();
        var siteUrl = config["Mail:SiteUrl"] is { Length: > 0 } url
            ? url
            : (config["urls"] ?? "http://127.0.0.1:5000").Split(';')[0];
        var folder = config["Mail:PickupFolder"] is { Length: > 0 } f ? f : Path.Combine(database.DataFolder, "mail");
        return settings with { SiteUrl = siteUrl, PickupFolder = Path.GetFullPath(folder) };
    }
}
