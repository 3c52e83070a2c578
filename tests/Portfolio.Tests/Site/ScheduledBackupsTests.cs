using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Site;

public sealed class ScheduledBackupsTests
{
    [Theory]
    [InlineData("2026-12-07T01:30:00+00:00", 2, 0.5)]
    [InlineData("2026-12-07T02:00:00+00:00", 2, 24)]
    [InlineData("2026-12-07T23:00:00+01:00", 2, 3)]
    public void The_daily_backup_waits_until_the_clock_next_shows_its_hour(string now, int hour, double hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), ScheduledBackups.UntilNext(hour, DateTimeOffset.Parse(now,
            System.Globalization.CultureInfo.InvariantCulture)));
    }
}
