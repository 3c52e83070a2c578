namespace Portfolio.Mail;

/// <summary>
/// How the site sends email (the Mail: settings). With no <see cref="Host"/>, messages are written as .eml files to
/// <see cref="PickupFolder"/> instead, so every flow can be tried locally with nothing to set up.
/// </summary>
public sealed record MailSettings
{
    public string Host { get; init; } = "";
    public int Port { get; init; } = 587;

    /// <summary>auto (STARTTLS when offered), starttls (required), tls (implicit, usually port 465) or none.</summary>
    public string Security { get; init; } = "auto";

    public string User { get; init; } = "";
    public string Password { get; init; } = "";
    public string From { get; init; } = "Portfolio <portfolio@localhost>";

    /// <summary>The site's public address, put in front of every link in a message.</summary>
    public string SiteUrl { get; init; } = "http://127.0.0.1:5000";

    public string PickupFolder { get; init; } = "";
    public double PollSeconds { get; init; } = 5;

    /// <summary>The first retry's wait; each later one doubles it, up to an hour.</summary>
    public double RetrySeconds { get; init; } = 30;

    /// <summary>Attempts before a message is given up and listed as failed for the administrator.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>The hour of the day (server local time) the daily digest is written for people who chose it.</summary>
    public int DigestHour { get; init; } = 7;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    /// <summary>How long to wait before the next attempt after <paramref name="attempts"/> failed ones.</summary>
    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, RetrySeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));
}
