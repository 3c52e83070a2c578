using Npgsql;
using Portfolio.Database;

namespace Portfolio.Tests.Harness;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (fsync off), with a migrated template database.
/// Each test class gets its own database cloned from the template in milliseconds.
/// </summary>
public static class TestCluster
{
    const string Template = "portfolio_template";
    static readonly string RunsFolder = Path.Combine(Path.GetTempPath(), "portfolio-tests");
    static readonly Lazy<Task<EmbeddedCluster>> Started = new(StartAsync);
    static readonly SemaphoreSlim CloneLock = new(1, 1);

    public static Task<EmbeddedCluster> InstanceAsync() => Started.Value;

    static async Task<EmbeddedCluster> StartAsync()
    {
        SweepStaleRuns();
        var folder = Path.Combine(RunsFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(RunsFolder);
        var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(Path.Combine(folder, "pg"), Durable: false));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            TryDelete(folder);
        };
        await cluster.EnsureDatabaseAsync(Template);
        Portfolio.Migrations.Migrator.MigrateUp(cluster.ConnectionString(Template));
        NpgsqlConnection.ClearAllPools();
        return cluster;
    }

    /// <summary>A fresh, migrated, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var cluster = await InstanceAsync();
        var name = "t_" + Guid.NewGuid().ToString("N");
        // CREATE DATABASE ... TEMPLATE needs the template to have no other sessions, so clones go one at a time.
        await CloneLock.WaitAsync();
        try
        {
            await cluster.EnsureDatabaseAsync(name, Template);
        }
        finally
        {
            CloneLock.Release();
        }
        return cluster.ConnectionString(name);
    }

    /// <summary>An empty database with no schema at all, for testing the migrations themselves.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var cluster = await InstanceAsync();
        var name = "e_" + Guid.NewGuid().ToString("N");
        await cluster.EnsureDatabaseAsync(name);
        return cluster.ConnectionString(name);
    }

    /// <summary>Removes clusters left by earlier runs whose process is gone (their watchdog stopped the server).</summary>
    static void SweepStaleRuns()
    {
        if (!Directory.Exists(RunsFolder))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(RunsFolder))
        {
            var pidText = Path.GetFileName(dir).Split('-')[0];
            if (int.TryParse(pidText, out var pid) && !Directory.Exists($"/proc/{pid}") && !File.Exists(Path.Combine(dir, "pg", "postmaster.pid")))
            {
                TryDelete(dir);
            }
        }
    }

    static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
