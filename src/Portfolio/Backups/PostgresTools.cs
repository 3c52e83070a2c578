using System.Diagnostics;
using Npgsql;

namespace Portfolio.Backups;

/// <summary>
/// pg_dump and pg_restore from one PostgreSQL bin folder (the one the embedded cluster runs with), pointed at a
/// database by a Npgsql connection string turned into libpq's environment variables, so no password is ever on a
/// command line.
/// </summary>
public sealed class PostgresTools(string bin)
{
    /// <summary>
    /// A custom-format dump of the database as the exported snapshot sees it (the snapshot's transaction must stay
    /// open until this returns), leaving out the rows of the tables named. Reports the dump's size as it grows.
    /// </summary>
    public async Task DumpAsync(string connectionString, string snapshot, string file, IEnumerable<string> withoutRows,
        Action<long>? progress, CancellationToken ct)
    {
        List<string> args = ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", "--file",
            file];
        args.AddRange(withoutRows.Select(t => $"--exclude-table-data={t}"));
        await RunAsync("pg_dump", args, connectionString, ct,
            () => progress?.Invoke(File.Exists(file) ? new FileInfo(file).Length : 0));
    }

    /// <summary>Restores a custom-format dump into an empty database, all or nothing (one transaction).</summary>
    public Task RestoreAsync(string connectionString, string file, CancellationToken ct) =>
        RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
            "--dbname", Database(connectionString), file], connectionString, ct);

    static string Database(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Database ?? "postgres";

    async Task RunAsync(string tool, IEnumerable<string> args, string connectionString, CancellationToken ct,
        Action? tick = null)
    {
        var info = new ProcessStartInfo(Path.Combine(bin, tool))
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in Environment(connectionString))
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new BackupException($"Could not run {info.FileName}.");
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            while (await Task.WhenAny(exited, Task.Delay(1000, ct)) != exited)
            {
                tick?.Invoke();
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        tick?.Invoke();
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed ({process.ExitCode}): {(await error + await output).Trim()}");
        }
    }

    /// <summary>libpq's settings for the server, database and user a connection string names.</summary>
    static IEnumerable<(string, string)> Environment(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(c.Host))
        {
            yield return ("PGHOST", c.Host);
        }
        yield return ("PGPORT", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("PGDATABASE", c.Database ?? "postgres");
        if (!string.IsNullOrEmpty(c.Username))
        {
            yield return ("PGUSER", c.Username);
        }
        if (!string.IsNullOrEmpty(c.Password))
        {
            yield return ("PGPASSWORD", c.Password);
        }
        yield return ("PGSSLMODE", c.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
    }
}
