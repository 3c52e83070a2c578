using Dapper;
using Portfolio.Backups;
using Portfolio.Database;
using Portfolio.People;
using Portfolio.Storage;

namespace Portfolio.Tests.Pages.Admin;

/// <summary>The administrator's home page says when the last backup was made and warns when it is stale or
/// failed.</summary>
public sealed class DashboardBackupTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<(HttpClient Admin, BackupRuns Runs)> ArrangeAsync()
    {
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("DELETE FROM backup_runs");
        }
        var admin = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.CentreAdministrator));
        return (admin, new BackupRuns(app.DataSource, TimeProvider.System));
    }

    [Fact]
    public async Task The_dashboard_shows_the_last_backups_time_and_size_without_a_warning()
    {
        var (admin, runs) = await ArrangeAsync();
        var bin = PostgresBinaries.Find(null)!;
        var result = await runs.BackUpAsync(new PostgresTools(bin), app.ConnectionString,
            new FileStore(app.FilesFolder),
            app.FilesFolder + "-backups", 1, _ => { }, CancellationToken.None);

        var page = await Html.GetAsync(admin, "/Admin");

        var status = page.QuerySelector("#last-backup")!.TextContent;
        Assert.Contains(DateTime.UtcNow.ToString("d MMMM yyyy"), status);
        Assert.Contains(Sizes.Describe(result.Size), status);
        Assert.Null(page.QuerySelector("#backup-warning"));
        Directory.Delete(app.FilesFolder + "-backups", recursive: true);
    }

    [Fact]
    public async Task The_dashboard_warns_when_the_last_backup_is_more_than_two_days_old()
    {
        var (admin, runs) = await ArrangeAsync();
        var threeDaysAgo = DateTime.UtcNow.AddDays(-3);
        await runs.RecordAsync(new BackupRuns.Run(threeDaysAgo, threeDaysAgo, true, "portfolio-old.zip", 2048, ""),
            CancellationToken.None);

        var page = await Html.GetAsync(admin, "/Admin");

        Assert.Contains(threeDaysAgo.ToString("d MMMM yyyy"), page.QuerySelector("#last-backup")!.TextContent);
        Assert.Contains("no backup from the last two days", page.QuerySelector("#backup-warning")!.TextContent);
    }

    [Fact]
    public async Task The_dashboard_warns_when_the_last_backup_failed_and_says_why()
    {
        var (admin, runs) = await ArrangeAsync();
        var now = DateTime.UtcNow;
        await runs.RecordAsync(new BackupRuns.Run(now.AddHours(-2), now.AddHours(-2), true, "portfolio-ok.zip", 4096,
            ""), CancellationToken.None);
        await runs.RecordAsync(new BackupRuns.Run(now, now, false, "/backups", null, "No space left on device"),
            CancellationToken.None);

        var page = await Html.GetAsync(admin, "/Admin");

        Assert.Contains("4 KB", page.QuerySelector("#last-backup")!.TextContent);
        var warning = page.QuerySelector("#backup-warning")!.TextContent;
        Assert.Contains("failed", warning);
        Assert.Contains("No space left on device", warning);
    }
}
