using Portfolio.Backups;
using Portfolio.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>backup and restore: one archive of the database and the files it refers to, and back again.</summary>
public static partial class CommandLine
{
    static async Task<int> BackupAsync(IConfiguration config, RepositoryPaths paths, Dictionary<string, string> options)
    {
        await using var database = new PortfolioDatabase(config, paths);
        // Beside a running site the backup uses its database where it runs; pg_dump reads one consistent snapshot.
        await database.StartAsync(attach: true);
        var folder = options.TryGetValue("to", out var to) ? Path.GetFullPath(to) : database.BackupFolder;
        var runs = new BackupRuns(database.DataSource, TimeProvider.System);
        await runs.BackUpAsync(new PostgresTools(database.BinFolder), database.ConnectionString,
            new FileStore(database.FilesFolder), folder, keep: null, Console.WriteLine, CancellationToken.None);
        return 0;
    }

    static async Task<int> RestoreAsync(IConfiguration config, RepositoryPaths paths, string[] args)
    {
        if (Argument(args) is not { } archive || !File.Exists(archive))
        {
            await Console.Error.WriteLineAsync("restore needs a backup archive: restore ARCHIVE");
            return 2;
        }
        await using var database = new PortfolioDatabase(config, paths);
        if (await NotEmptyAsync(database) is { } occupied)
        {
            await Console.Error.WriteLineAsync(occupied);
            return 1;
        }
        Console.WriteLine($"Checking {archive}");
        var manifest = await BackupRestore.VerifyAsync(archive, Console.WriteLine, CancellationToken.None);
        if (manifest.SchemaVersion > Portfolio.Migrations.Migrator.NewestVersion)
        {
            await Console.Error.WriteLineAsync("The archive was made by a newer Portfolio " +
                $"(schema {manifest.SchemaVersion}, this one knows up to {Portfolio.Migrations.Migrator.NewestVersion}). " +
                "Restore it with that version or newer.");
            return 1;
        }
        try
        {
            await database.StartAsync();
            await BackupRestore.RestoreAsync(archive, manifest, new PostgresTools(database.BinFolder),
                database.ConnectionString, new FileStore(database.FilesFolder), Console.WriteLine,
                    CancellationToken.None);
        }
        catch when (database.Configured is null)
        {
            // The folders were empty before: leave them so, not half restored.
            await database.DisposeAsync();
            DeleteIfPresent(database.ClusterFolder);
            DeleteIfPresent(database.FilesFolder);
            throw;
        }
        Console.WriteLine(database.Configured is null
            ? $"Restored into {database.DataFolder}. Start the site on it: " +
              $"./run.sh --Database:DataFolder={database.DataFolder}"
            : "Restored into the configured database. Start the site as usual; it brings the schema up to date.");
        return 0;
    }

    /// <summary>Why the restore target is not empty, or null when it is.</summary>
    static async Task<string?> NotEmptyAsync(PortfolioDatabase database)
    {
        if (!FileStore.IsEmptyFolder(database.FilesFolder))
        {
            return $"{database.FilesFolder} already holds files. A restore goes only into an empty file store: " +
                   "set Files:Folder to a new folder, or move this one away first. Nothing was changed.";
        }
        if (database.Configured is { } configured)
        {
            return await DatabaseContents.IsEmptyAsync(configured, CancellationToken.None)
                ? null
                : "The configured database already holds tables. A restore goes only into an empty database: create " +
                  "a new one and point ConnectionStrings:Portfolio at it. Nothing was changed.";
        }
        return Directory.Exists(database.DataFolder) && Directory.EnumerateFileSystemEntries(database.DataFolder).Any()
            ? $"{database.DataFolder} is not empty. A restore goes only into an empty data folder: name a new one " +
              "with --Database:DataFolder=PATH, or move this one away first. Nothing was changed."
            : null;
    }

    static void DeleteIfPresent(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
