using System.IO.Compression;
using Dapper;
using Npgsql;
using Portfolio.Backups;
using Portfolio.Database;
using Portfolio.Web.Commands;

namespace Portfolio.Tests.Commands;

/// <summary>backup and restore, run in-process with the arguments a person would type, on a real PostgreSQL.</summary>
public sealed class BackupCommandTests(PopulatedCentre centre) : IClassFixture<PopulatedCentre>
{
    static readonly Portfolio.Web.Hosting.RepositoryPaths Paths = new(RepositoryPaths.Root);

    static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var (standardOut, standardError) = (Console.Out, Console.Error);
        try
        {
            Console.SetOut(output);
            Console.SetError(output);
            return (await CommandLine.RunAsync(args, Paths), output.ToString());
        }
        finally
        {
            Console.SetOut(standardOut);
            Console.SetError(standardError);
        }
    }

    async Task<string> BackUpAsync()
    {
        var folder = PopulatedCentre.TempFolder("backups");
        var (exit, output) = await RunAsync("backup", "--to", folder,
            $"--ConnectionStrings:Portfolio={centre.ConnectionString}",
            $"--Files:Folder={centre.FilesFolder}");
        Assert.True(exit == 0, output);
        return Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_backup_restored_into_a_new_data_folder_has_every_tables_rows_and_every_files_content()
    {
        var archive = await BackUpAsync();
        var data = PopulatedCentre.TempFolder("restored");

        var (exit, output) = await RunAsync("restore", archive, $"--Database:DataFolder={data}");

        Assert.True(exit == 0, output);
        Assert.Contains("every hash matches", output);
        Assert.Contains("Row counts match the manifest", output);
        var folder = Path.Combine(data, "postgres");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(folder));
        var restored = cluster.ConnectionString("portfolio");
        Portfolio.Migrations.Migrator.MigrateUp(restored);
        Assert.Equal(await PopulatedCentre.RowCountsAsync(centre.ConnectionString),
            await PopulatedCentre.RowCountsAsync(restored));
        var files = PopulatedCentre.FileHashes(Path.Combine(data, "files"));
        await using (var source = await centre.DataSource.OpenConnectionAsync())
        {
            Assert.Equal((await source.QueryAsync<string>("SELECT sha256 FROM stored_files")).Order(), files);
        }
        Assert.DoesNotContain(centre.Unreferenced, files);

        // A backup beside the running cluster uses it where it runs.
        var again = PopulatedCentre.TempFolder("again");
        var (backupExit, backupOutput) = await RunAsync("backup", "--to", again, $"--Database:DataFolder={data}");
        Assert.True(backupExit == 0, backupOutput);
        await cluster.StopAsync();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Restore_into_a_database_or_data_folder_that_holds_data_is_refused_and_changes_nothing()
    {
        var archive = await BackUpAsync();
        var before = await PopulatedCentre.RowCountsAsync(centre.ConnectionString);
        var occupied = PopulatedCentre.TempFolder("occupied");
        Directory.CreateDirectory(Path.Combine(occupied, "postgres"));
        await File.WriteAllTextAsync(Path.Combine(occupied, "postgres", "PG_VERSION"), "15\n");

        var (intoDatabase, databaseOutput) = await RunAsync("restore", archive,
            $"--ConnectionStrings:Portfolio={centre.ConnectionString}",
            $"--Files:Folder={PopulatedCentre.TempFolder("empty-files")}");
        var (intoFolder, folderOutput) = await RunAsync("restore", archive, $"--Database:DataFolder={occupied}");

        Assert.Equal(1, intoDatabase);
        Assert.Contains("already holds tables", databaseOutput);
        Assert.Equal(1, intoFolder);
        Assert.Contains($"{occupied} is not empty", folderOutput);
        Assert.Equal(before, await PopulatedCentre.RowCountsAsync(centre.ConnectionString));
        var left = Directory.GetFileSystemEntries(Path.Combine(occupied, "postgres")).Select(Path.GetFileName);
        Assert.Equal(["PG_VERSION"], left);
    }

    [Fact]
    public async Task A_damaged_archive_is_refused_before_anything_is_restored()
    {
        var archive = await BackUpAsync();
        using (var zip = ZipFile.OpenRead(archive))
        {
            // The dump comes first and is most of the archive: a quarter of the way in is inside it.
            Assert.True(zip.GetEntry(BackupManifest.DatabaseEntry)!.Length > new FileInfo(archive).Length / 2);
        }
        var bytes = await File.ReadAllBytesAsync(archive);
        bytes[bytes.Length / 4] ^= 0xFF;
        await File.WriteAllBytesAsync(archive, bytes);
        var target = await TestCluster.CreateEmptyDatabaseAsync();
        var files = PopulatedCentre.TempFolder("files-target");

        var (exit, output) = await RunAsync("restore", archive, $"--ConnectionStrings:Portfolio={target}",
            $"--Files:Folder={files}");

        Assert.Equal(1, exit);
        Assert.Contains("damaged", output);
        Assert.Empty(await PopulatedCentre.RowCountsAsync(target));
        Assert.True(Portfolio.Storage.FileStore.IsEmptyFolder(files));
    }

    [Fact]
    public async Task A_backup_taken_while_writes_happen_restores_to_a_consistent_copy()
    {
        var centreId = await centre.ScalarAsync<long>("SELECT min(id) FROM centres");
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                // Each write adds a person and their audit row in one transaction: a copy holds both or neither.
                await using var conn = await centre.DataSource.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                var id = await conn.ExecuteScalarAsync<long>("""
                    INSERT INTO people (centre_id, email, display_name, password_hash, roles)
                    VALUES (@centreId, @email, 'Writer', 'x', '{candidate}') RETURNING id
                    """, new { centreId, email = $"writer{++n}@example.org" }, tx);
                await conn.ExecuteAsync("""
                    INSERT INTO audit_events (centre_id, actor_id, action, subject_type, subject_id)
                    VALUES (@centreId, @id, 'writer.added', 'person', @id)
                    """, new { centreId, id }, tx);
                await tx.CommitAsync();
            }
            return n;
        });
        string archive;
        try
        {
            archive = await BackUpAsync();
        }
        finally
        {
            await stop.CancelAsync();
        }
        Assert.True(await writes > 0);
        var target = await TestCluster.CreateEmptyDatabaseAsync();

        var (exit, output) = await RunAsync("restore", archive, $"--ConnectionStrings:Portfolio={target}",
            $"--Files:Folder={PopulatedCentre.TempFolder("files-consistent")}");

        Assert.True(exit == 0, output);
        await using var copy = new NpgsqlConnection(target);
        var people = await copy.ExecuteScalarAsync<long>("SELECT count(*) FROM people WHERE display_name = 'Writer'");
        var audited = await copy.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE action = 'writer.added'");
        Assert.Equal(people, audited);
    }
}
