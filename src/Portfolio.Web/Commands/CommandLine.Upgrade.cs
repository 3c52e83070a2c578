using Portfolio.Backups;
using Portfolio.Database;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>
/// upgrade: a data folder made by an older PostgreSQL major version is dumped through that version's server and
/// restored by the installed one into a new folder, which then takes the old one's place; the old folder is kept,
/// untouched, beside it (postgres-OLDVERSION).
/// </summary>
public static partial class CommandLine
{
    static async Task<int> UpgradeAsync(IConfiguration config, RepositoryPaths paths,
        Dictionary<string, string> options)
    {
        await using var database = new PortfolioDatabase(config, paths);
        if (database.Configured is not null)
        {
            await Console.Error.WriteLineAsync("upgrade is for the embedded database. Upgrade your own PostgreSQL " +
                "server with its tools (pg_upgrade, or the backup and restore commands).");
            return 2;
        }
        var folder = database.ClusterFolder;
        if (PostgresBinaries.FolderVersion(folder) is not { } made)
        {
            await Console.Error.WriteLineAsync($"There is no database in {folder} to upgrade.");
            return 2;
        }
        var bin = database.BinFolder;
        var installed = await PostgresBinaries.MajorVersionAsync(bin);
        if (made >= installed)
        {
            Console.WriteLine(made == installed
                ? $"The database in {folder} is already PostgreSQL {installed}: nothing to do."
                : $"The database in {folder} is PostgreSQL {made}, newer than PostgreSQL {installed} here: " +
                  $"install {made}.");
            return made == installed ? 0 : 1;
        }
        var oldBin = options.GetValueOrDefault("old-bin") ?? PostgresBinaries.OfVersion(made);
        if (oldBin is null)
        {
            await Console.Error.WriteLineAsync($"PostgreSQL {made}'s programs are needed to read the old folder: " +
                $"install them (apt-get install postgresql-{made}) or name their bin folder with --old-bin DIR. " +
                "Nothing was changed.");
            return 1;
        }
        var upgraded = folder + ".upgrading";
        var kept = $"{folder}-{made}";
        var dumpFile = Path.Combine(database.DataFolder, "upgrade.dump.part");
        var tools = new PostgresTools(bin);
        DeleteIfPresent(upgraded);
        try
        {
            ConsistentDump dump;
            Console.WriteLine($"Reading the PostgreSQL {made} database with {oldBin}");
            await using (var old = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(folder, oldBin)))
            {
                dump = await ConsistentDump.WriteAsync(tools,
                    old.ConnectionString(PortfolioDatabase.EmbeddedDatabaseName),
                    dumpFile, Console.WriteLine, CancellationToken.None);
            }
            Console.WriteLine($"Loading it into a new PostgreSQL {installed} folder");
            await using (var fresh = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(upgraded, bin)))
            {
                await fresh.EnsureDatabaseAsync(PortfolioDatabase.EmbeddedDatabaseName);
                var target = fresh.ConnectionString(PortfolioDatabase.EmbeddedDatabaseName);
                await tools.RestoreAsync(target, dumpFile, CancellationToken.None);
                await BackupRestore.CompareCountsAsync(target, dump.Tables, CancellationToken.None);
            }
            Directory.Move(folder, kept);
            Directory.Move(upgraded, folder);
        }
        catch
        {
            DeleteIfPresent(upgraded);
            throw;
        }
        finally
        {
            File.Delete(dumpFile);
        }
        Console.WriteLine($"Upgraded to PostgreSQL {installed}; every table's row count matches. " +
            $"The PostgreSQL {made} folder is kept unchanged as {kept}: delete it once the site runs well on the new one.");
        return 0;
    }
}
