using System.Diagnostics;
using Dapper;
using Npgsql;
using Portfolio.Database;

namespace Portfolio.Tests.Database;

/// <summary>A data folder copied or moved elsewhere starts where it is, as after a restore to a new disk.</summary>
public sealed class MovingTests
{
    static string NewFolder(string name) =>
        Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-{name}-{Guid.NewGuid():N}"[..26]);

    static async Task<string> PopulatedFolderAsync()
    {
        var folder = Path.Combine(NewFolder("move"), "pg");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(folder, Durable: false));
        await cluster.EnsureDatabaseAsync("centre");
        await using var conn = new NpgsqlConnection(cluster.ConnectionString("centre") + ";Pooling=false");
        await conn.ExecuteAsync("CREATE TABLE notes (text text); INSERT INTO notes VALUES ('moved with its folder')");
        return folder;
    }

    static async Task<string> CopyAsync(string from)
    {
        var to = Path.Combine(NewFolder("moved"), "copy of pg");
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        using var copy = Process.Start("cp", ["-a", from, to]);
        await copy.WaitForExitAsync();
        Assert.Equal(0, copy.ExitCode);
        Directory.Delete(Path.GetDirectoryName(from)!, recursive: true);
        return to;
    }

    static async Task<string?> ReadNoteAsync(EmbeddedCluster cluster)
    {
        await using var conn = new NpgsqlConnection(cluster.ConnectionString("centre") + ";Pooling=false");
        return await conn.ExecuteScalarAsync<string>("SELECT text FROM notes");
    }

    [Fact]
    public async Task A_populated_folder_copied_to_a_new_path_starts_there_and_keeps_its_data()
    {
        var copy = await CopyAsync(await PopulatedFolderAsync());

        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(copy, Durable: false));

        Assert.Equal("moved with its folder", await ReadNoteAsync(cluster));
        Assert.True(File.Exists(Path.Combine(copy, ".s.PGSQL.5432")));
    }

    [Fact]
    public async Task A_folder_whose_settings_still_name_its_old_place_starts_in_its_new_one()
    {
        var original = await PopulatedFolderAsync();
        await File.AppendAllLinesAsync(Path.Combine(original, "postgresql.conf"),
            [$"unix_socket_directories = '{original}'"]);
        var copy = await CopyAsync(original);

        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(copy, Durable: false));

        Assert.Equal("moved with its folder", await ReadNoteAsync(cluster));
    }

    [Fact]
    public async Task A_folder_made_by_another_postgresql_major_version_names_the_upgrade_command()
    {
        var copy = await CopyAsync(await PopulatedFolderAsync());
        var own = (await File.ReadAllTextAsync(Path.Combine(copy, "PG_VERSION"))).Trim();
        await File.WriteAllTextAsync(Path.Combine(copy, "PG_VERSION"), "11\n");

        var e = await Assert.ThrowsAsync<EmbeddedClusterException>(
            () => EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(copy, Durable: false)));

        Assert.Contains("PostgreSQL 11", e.Message);
        Assert.Contains($"PostgreSQL {own}", e.Message);
        Assert.Contains("-- upgrade", e.Message);
        Assert.False(File.Exists(Path.Combine(copy, "postmaster.pid")));
    }

    [Fact]
    public async Task Upgrade_without_the_old_versions_programs_says_what_to_install_and_changes_nothing()
    {
        var copy = await CopyAsync(await PopulatedFolderAsync());
        var data = Path.GetDirectoryName(copy)!;
        Directory.Move(copy, Path.Combine(data, "postgres"));
        await File.WriteAllTextAsync(Path.Combine(data, "postgres", "PG_VERSION"), "11\n");
        var output = new StringWriter();
        var standardError = Console.Error;
        int exit;
        try
        {
            Console.SetError(output);
            exit = await Portfolio.Web.Commands.CommandLine.RunAsync(["upgrade", $"--Database:DataFolder={data}"],
                new Portfolio.Web.Hosting.RepositoryPaths(RepositoryPaths.Root));
        }
        finally
        {
            Console.SetError(standardError);
        }

        Assert.Equal(1, exit);
        Assert.Contains("apt-get install postgresql-11", output.ToString());
        Assert.Equal(["postgres"], Directory.GetDirectories(data).Select(Path.GetFileName));
    }
}
