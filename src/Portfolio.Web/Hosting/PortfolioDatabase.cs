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

    /// <summary>PostgreSQL settings for every session of the site (the Options of the connection string).</summary>
    public const string SessionSettings = "-c jit=off -c random_page_cost=1.1";
    EmbeddedCluster? cluster;
    NpgsqlDataSource? dataSource;
    NpgsqlDataSource? reportsDataSource;

    public bool IsEmbedded => cluster is not null;

    public string DataFolder => config["Database:DataFolder"] is { Length: > 0 } folder
        ? Path.GetFullPath(folder, paths.Root)
        : paths.DefaultDataFolder;

    /// <summary>Where uploaded files are kept: Files:Folder, else files/ in the data folder.</summary>
    public string FilesFolder => config["Files:Folder"] is { Length: > 0 } folder
        ? Path.GetFullPath(folder, paths.Root)
        : Path.Combine(DataFolder, "files");

    /// <summary>Where backups go: Backup:Folder, else a folder beside (never inside) the data folder.</summary>
    public string BackupFolder => config["Backup:Folder"] is { Length: > 0 } folder
        ? Path.GetFullPath(folder, paths.Root)
        : DataFolder.TrimEnd('/') + "-backups";

    /// <summary>The embedded cluster's folder inside the data folder.</summary>
    public string ClusterFolder => Path.Combine(DataFolder, "postgres");

    EmbeddedClusterOptions ClusterOptions => new(ClusterFolder, config["Database:PostgresBin"]);

    /// <summary>The connection string the site uses (with its password, for pg_dump and pg_restore).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The PostgreSQL programs to back up and restore with: the embedded cluster's, else the newest here.</summary>
    public string BinFolder => cluster?.BinFolder
        ?? PostgresBinaries.Find(config["Database:PostgresBin"])
        ?? throw new EmbeddedClusterException(PostgresBinaries.InstallHint);

    public NpgsqlDataSource DataSource => dataSource ?? throw new InvalidOperationException("The database has not been started.");

    /// <summary>Where reports read: a standby named by ConnectionStrings:PortfolioReports, else the primary.</summary>
    public NpgsqlDataSource ReportsDataSource => reportsDataSource ?? DataSource;

    /// <summary>The configured server's connection string, or null for the embedded default.</summary>
    public string? Configured => config.GetConnectionString("Portfolio") is { } c && !string.IsNullOrWhiteSpace(c) ? c : null;

    /// <summary>
    /// Starts the embedded cluster (or connects to the configured server). With <paramref name="attach"/>, an embedded
    /// cluster already run by the site is used where it runs (for a backup beside the running site).
    /// </summary>
    public async Task StartAsync(bool attach = false, CancellationToken ct = default)
    {
        var configured = Configured;
        string connectionString;
        if (configured is null)
        {
            cluster = attach
                ? await EmbeddedCluster.StartOrAttachAsync(ClusterOptions, ct)
                : await EmbeddedCluster.StartAsync(ClusterOptions, ct);
            await cluster.EnsureDatabaseAsync(EmbeddedDatabaseName, ct: ct);
            connectionString = WithSiteDefaults(cluster.ConnectionString(EmbeddedDatabaseName));
        }
        else
        {
            connectionString = WithSiteDefaults(configured);
        }
        ConnectionString = connectionString;
        dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "portfolio" }.Build();
        if (config.GetConnectionString("PortfolioReports") is { Length: > 0 } reports)
        {
            reportsDataSource = new NpgsqlDataSourceBuilder(reports) { Name = "portfolio-reports" }.Build();
        }
    }

    /// <summary>
    /// Unless the configured string says otherwise: prepares the most used statements and skips the reset on every
    /// return to the pool (10–40 % more requests per second on a page with a few queries), and sets two planner
    /// settings for a database that lives in memory. JIT compiled the caseload query afresh on every request
    /// (~40 ms of 100 ms); random_page_cost 1.1 instead of disk-era 4 makes the planner use the indexes it has
    /// (an assessor's queue and median: hash joins over whole tables before). See docs/performance.md.
    /// </summary>
    internal static string WithSiteDefaults(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        // Npgsql's builder answers ContainsKey for every keyword it knows, set or not: ask which ones the string names,
        // spelt with or without spaces.
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!named.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 20;
        }
        if (!named.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = SessionSettings;
        }
        return builder.ConnectionString;
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
