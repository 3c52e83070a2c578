using System.Diagnostics;
using Npgsql;

namespace Portfolio.Database;

/// <summary>How an embedded cluster is run.</summary>
/// <param name="DataFolder">Folder that holds the cluster; created on first start and reused after.</param>
/// <param name="BinFolder">Folder with initdb and postgres; null to search the machine.</param>
/// <param name="Durable">False only for throwaway test clusters (fsync off).</param>
public sealed record EmbeddedClusterOptions(string DataFolder, string? BinFolder = null, bool Durable = true);

/// <summary>
/// A private PostgreSQL cluster in a folder, listening only on a unix socket inside that folder.
/// The server runs as a child behind a small shell watchdog: when this process ends, even by kill -9,
/// the watchdog's standard input closes and it stops the server, so nothing is left running.
/// </summary>
public sealed partial class EmbeddedCluster : IAsyncDisposable
{
    const string ServiceUser = "postgres";
    readonly EmbeddedClusterOptions options;
    readonly string bin;
    readonly bool asServiceUser;
    Process? watchdog;

    EmbeddedCluster(EmbeddedClusterOptions options, string bin)
    {
        this.options = options;
        this.bin = bin;
        asServiceUser = Environment.UserName == "root";
    }

    public string DataFolder => options.DataFolder;

    /// <summary>Connection string for a database in this cluster (over the unix socket).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = DataFolder,
        Username = ServiceUser,
        Database = database,
        Pooling = true,
        MaxAutoPrepare = 20,
        NoResetOnClose = true,
    }.ConnectionString;

    /// <summary>Creates the cluster if the folder is empty, starts it and waits until it answers.</summary>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions options, CancellationToken ct = default)
    {
        var cluster = Prepare(options);
        cluster.RefuseIfAlreadyRunning();
        await cluster.InitialiseIfNewAsync(ct);
        await cluster.RefuseAnotherMajorVersionAsync(ct);
        await cluster.LaunchAsync(ct);
        return cluster;
    }

    /// <summary>
    /// For commands that may run beside the site (backup): uses the cluster where it already runs, else starts it.
    /// Stopping a cluster found running leaves it running.
    /// </summary>
    public static async Task<EmbeddedCluster> StartOrAttachAsync(EmbeddedClusterOptions options, CancellationToken ct = default)
    {
        var cluster = Prepare(options);
        return cluster.RunningProcess() is null ? await StartAsync(options, ct) : cluster;
    }

    static EmbeddedCluster Prepare(EmbeddedClusterOptions options)
    {
        var bin = PostgresBinaries.Find(options.BinFolder) ?? throw new EmbeddedClusterException(PostgresBinaries.InstallHint);
        return new EmbeddedCluster(options with { DataFolder = Path.GetFullPath(options.DataFolder) }, bin);
    }

    /// <summary>The folder of the server programs this cluster runs with.</summary>
    public string BinFolder => bin;

    void RefuseIfAlreadyRunning()
    {
        if (RunningProcess() is { } pid)
        {
            throw new EmbeddedClusterException(
                $"The database in {DataFolder} is already in use by another running Portfolio (PostgreSQL process {pid}). " +
                "Stop that one first, or give this one its own Database:DataFolder.");
        }
    }

    /// <summary>
    /// The server process running on this folder, if any. A lock file that names another folder came with a copy
    /// of the folder (a move, a backup of the files) and says nothing about this one, so it is removed.
    /// </summary>
    int? RunningProcess()
    {
        var pidFile = Path.Combine(DataFolder, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }
        var lines = File.ReadLines(pidFile).Take(2).ToList();
        if (lines.Count == 2 && Path.GetFullPath(lines[1]).TrimEnd('/') != DataFolder.TrimEnd('/'))
        {
            File.Delete(pidFile);
            return null;
        }
        return lines.Count > 0 && int.TryParse(lines[0], out var pid) && Directory.Exists($"/proc/{pid}") ? pid : null;
    }

    async Task RefuseAnotherMajorVersionAsync(CancellationToken ct)
    {
        var made = PostgresBinaries.FolderVersion(DataFolder);
        var installed = await PostgresBinaries.MajorVersionAsync(bin, ct);
        if (made is null || made == installed)
        {
            return;
        }
        throw new EmbeddedClusterException(made < installed
            ? $"The database in {DataFolder} was made by PostgreSQL {made}, and this machine runs PostgreSQL {installed} " +
              $"({bin}), which cannot open it. Copy it into a PostgreSQL {installed} folder with the upgrade command " +
              "(dotnet run --project src/Portfolio.Web -- upgrade); the old folder is kept as it is."
            : $"The database in {DataFolder} was made by PostgreSQL {made}, newer than PostgreSQL {installed} on this " +
              $"machine ({bin}). Install PostgreSQL {made} (apt-get install postgresql-{made}) or point " +
              "Database:PostgresBin at its bin folder.");
    }

    async Task InitialiseIfNewAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(DataFolder, "PG_VERSION")))
        {
            return;
        }
        if (Directory.Exists(DataFolder) && Directory.EnumerateFileSystemEntries(DataFolder).Any())
        {
            throw new EmbeddedClusterException(
                $"{DataFolder} is not empty and holds no PostgreSQL cluster. Point Database:DataFolder at an empty or new folder.");
        }
        Directory.CreateDirectory(DataFolder);
        await GiveToServiceUserAsync(ct);
        var args = new List<string> { "-D", DataFolder, "-U", ServiceUser, "-A", "peer", "-E", "UTF8", "--locale=C" };
        if (!options.Durable)
        {
            args.Add("--no-sync");
        }
        await RunToEndAsync(Path.Combine(bin, "initdb"), args, ct);
        // Socket only (no TCP listener, so nothing is reachable from the network). The socket's folder is given at
        // each launch, not written here, so the folder can be copied or moved and still start.
        var settings = new List<string>
        {
            "listen_addresses = ''",
            "unix_socket_permissions = 0700",
            "max_connections = 200",
            "shared_buffers = 128MB",
            "logging_collector = off",
        };
        if (!options.Durable)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }
        await File.AppendAllLinesAsync(Path.Combine(DataFolder, "postgresql.conf"), settings, ct);
        // Peer authentication maps the connecting OS user; root connects as the postgres role.
        await File.WriteAllTextAsync(Path.Combine(DataFolder, "pg_ident.conf"),
            $"portfolio root {ServiceUser}\nportfolio {ServiceUser} {ServiceUser}\nportfolio {Environment.UserName} {ServiceUser}\n", ct);
        await File.WriteAllTextAsync(Path.Combine(DataFolder, "pg_hba.conf"), "local all all peer map=portfolio\n", ct);
        await GiveToServiceUserAsync(ct);
    }

    async Task LaunchAsync(CancellationToken ct)
    {
        var log = Path.Combine(DataFolder, "server.log");
        // The watchdog: start postgres, and when our stdin closes ask it for a fast shutdown; the shell ends when
        // postgres does, so a server that fails to start is noticed at once. Settings on the command line override
        // postgresql.conf: the socket lives in the folder where the cluster is now, wherever it was made.
        const string script = "exec 3<&0; \"$1\" -D \"$2\" -k \"$2\" -c listen_addresses= >>\"$3\" 2>&1 </dev/null & " +
            "pid=$!; (cat <&3 >/dev/null; kill -INT $pid 2>/dev/null) & wait $pid";
        var start = Launcher("/bin/sh", ["-c", script, "watchdog", Path.Combine(bin, "postgres"), DataFolder, log]);
        start.RedirectStandardInput = true;
        watchdog = Process.Start(start) ?? throw new EmbeddedClusterException("Could not start PostgreSQL.");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await using var conn = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await conn.OpenAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException)
            {
                if (watchdog.HasExited || DateTime.UtcNow > deadline)
                {
                    var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(8)) : "";
                    throw new EmbeddedClusterException($"PostgreSQL in {DataFolder} did not start. Its log ends:\n{tail}");
                }
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>Creates the database if it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, string? template = null, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return;
        }
        // Identifiers cannot be parameters; they are quoted here and come from configuration, not users.
        var sql = $"CREATE DATABASE {Quote(database)}" + (template is null ? "" : $" TEMPLATE {Quote(template)}");
        await using var create = new NpgsqlCommand(sql, conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Stops the server cleanly (fast shutdown) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (watchdog is null)
        {
            return;
        }
        try
        {
            watchdog.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await watchdog.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            watchdog.Kill(entireProcessTree: true);
        }
        watchdog.Dispose();
        watchdog = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>The embedded database could not be used; the message says why and what to do.</summary>
public sealed class EmbeddedClusterException(string message) : Exception(message);
