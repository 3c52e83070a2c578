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
public sealed class EmbeddedCluster : IAsyncDisposable
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
        var bin = PostgresBinaries.Find(options.BinFolder) ?? throw new EmbeddedClusterException(PostgresBinaries.InstallHint);
        var cluster = new EmbeddedCluster(options with { DataFolder = Path.GetFullPath(options.DataFolder) }, bin);
        cluster.RefuseIfAlreadyRunning();
        await cluster.InitialiseIfNewAsync(ct);
        await cluster.LaunchAsync(ct);
        return cluster;
    }

    void RefuseIfAlreadyRunning()
    {
        var pidFile = Path.Combine(DataFolder, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }
        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, out var pid) && Directory.Exists($"/proc/{pid}"))
        {
            throw new EmbeddedClusterException(
                $"The database in {DataFolder} is already in use by another running Portfolio (PostgreSQL process {pid}). " +
                "Stop that one first, or give this one its own Database:DataFolder.");
        }
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
        // Socket only, inside the data folder: no TCP listener, so nothing is reachable from the network.
        var settings = new List<string>
        {
            "listen_addresses = ''",
            $"unix_socket_directories = '{DataFolder.Replace("'", "''", StringComparison.Ordinal)}'",
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
        // The watchdog: start postgres, wait for our stdin to close, then ask for a fast shutdown.
        const string script = "\"$1\" -D \"$2\" >>\"$3\" 2>&1 & pid=$!; cat >/dev/null; kill -INT $pid 2>/dev/null; wait $pid";
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

    async Task GiveToServiceUserAsync(CancellationToken ct)
    {
        if (asServiceUser)
        {
            await RunToEndAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", DataFolder], ct, direct: true);
        }
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            File.SetUnixFileMode(DataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    ProcessStartInfo Launcher(string program, IEnumerable<string> args, bool direct = false)
    {
        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        if (asServiceUser && !direct)
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(ServiceUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        return info;
    }

    async Task RunToEndAsync(string program, IEnumerable<string> args, CancellationToken ct, bool direct = false)
    {
        var info = Launcher(program, args, direct);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var p = Process.Start(info) ?? throw new EmbeddedClusterException($"Could not run {program}.");
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new EmbeddedClusterException($"{Path.GetFileName(program)} failed ({p.ExitCode}): {await error}{await output}");
        }
    }
}

/// <summary>The embedded database could not be used; the message says why and what to do.</summary>
public sealed class EmbeddedClusterException(string message) : Exception(message);
