using Npgsql;
using Portfolio.Database;

namespace Portfolio.Web.Hosting;

/// <summary>
/// The site's database: the server named by ConnectionStrings:Portfolio, or, when none is configured,
/// a private embedded cluster in the data folder that lives as long as the site.
/// </summary>
public sealed class PortfolioDatabase(IConfiguration config, RepositoryPaths paths) : IAsyncDisposable
{
    public const string EmbeddedDatabaseName = "portfolio";
    EmbeddedCluster? cluster;
    NpgsqlDataSource? dataSource;
    NpgsqlDataSource? reportsDataSource;

    public bool IsEmbedded => cluster is not null;

    public string DataFolder => config["Database:DataFolder"] is { Length: > 0 } folder
        ? Path.GetFullPath(folder, paths.Root)
        : paths.DefaultDataFolder;

    public NpgsqlDataSource DataSource => dataSource ?? throw new InvalidOperationException("The database has not been started.");

    /// <summary>Where reports read: a standby named by ConnectionStrings:PortfolioReports, else the primary.</summary>
    public NpgsqlDataSource ReportsDataSource => reportsDataSource ?? DataSource;

    public async Task StartAsync(CancellationToken ct = default)
    {
        var configured = config.GetConnectionString("Portfolio");
        string connectionString;
        if (string.IsNullOrWhiteSpace(configured))
        {
            cluster = await EmbeddedCluster.StartAsync(
                new EmbeddedClusterOptions(Path.Combine(DataFolder, "postgres"), config["Database:PostgresBin"]), ct);
            await cluster.EnsureDatabaseAsync(EmbeddedDatabaseName, ct: ct);
            connectionString = cluster.ConnectionString(EmbeddedDatabaseName);
        }
        else
        {
            connectionString = configured;
        }
        dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "portfolio" }.Build();
        if (config.GetConnectionString("PortfolioReports") is { Length: > 0 } reports)
        {
            reportsDataSource = new NpgsqlDataSourceBuilder(reports) { Name = "portfolio-reports" }.Build();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
        if (reportsDataSource is not null)
        {
            await reportsDataSource.DisposeAsync();
        }
        if (cluster is not null)
        {
            await cluster.StopAsync();
        }
    }
}
