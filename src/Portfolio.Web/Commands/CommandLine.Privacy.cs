using System.Diagnostics;
using System.Globalization;
using Dapper;
using Portfolio.Privacy;
using Portfolio.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>erase and dispose: the erasure request and the retention disposal, for scripts; also beside a running site.</summary>
public static partial class CommandLine
{
    static async Task<int> EraseAsync(IConfiguration config, RepositoryPaths paths, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("person", out var given) || !long.TryParse(given, CultureInfo.InvariantCulture, out var personId)
            || !options.TryGetValue("reason", out var reason))
        {
            await Console.Error.WriteLineAsync("erase needs --person ID and --reason TEXT (and --override TEXT to erase despite a hold).\n" + Usage);
            return 2;
        }
        await using var database = new PortfolioDatabase(config, paths);
        await database.StartAsync(attach: true);
        Portfolio.Migrations.Migrator.MigrateUp(database.DataSource.ConnectionString);
        long? centreId;
        await using (var conn = await database.DataSource.OpenConnectionAsync())
        {
            centreId = await conn.ExecuteScalarAsync<long?>("SELECT centre_id FROM people WHERE id = @personId", new { personId });
        }
        if (centreId is null)
        {
            await Console.Error.WriteLineAsync($"There is no person {personId}.");
            return 1;
        }
        var erasure = new Erasure(database.DataSource, new FileStore(database.FilesFolder));
        var result = await erasure.EraseAsync(centreId.Value, personId, null, Erasure.Kind.Request, reason,
            options.GetValueOrDefault("override"));
        if (!result.Erased)
        {
            await Console.Error.WriteLineAsync(result.Refusal);
            return 1;
        }
        Console.WriteLine($"Erased person {personId}'s personal data; {result.FilesRemoved} file(s) removed.");
        return 0;
    }

    static async Task<int> DisposeAsync(IConfiguration config, RepositoryPaths paths, Dictionary<string, string> options)
    {
        await using var database = new PortfolioDatabase(config, paths);
        await database.StartAsync(attach: true);
        Portfolio.Migrations.Migrator.MigrateUp(database.DataSource.ConnectionString);
        List<long> centres;
        await using (var conn = await database.DataSource.OpenConnectionAsync())
        {
            centres = options.TryGetValue("centre", out var given) && long.TryParse(given, CultureInfo.InvariantCulture, out var one)
                ? [one]
                : (await conn.QueryAsync<long>("SELECT id FROM centres ORDER BY id")).ToList();
        }
        var retention = new Retention(database.DataSource, new Erasure(database.DataSource, new FileStore(database.FilesFolder)));
        var failed = false;
        foreach (var centreId in centres)
        {
            var listed = await retention.RefreshDueAsync(centreId);
            Console.WriteLine($"Centre {centreId}: {listed} candidate(s) past their date.");
            if (listed == 0 || options.ContainsKey("list-only"))
            {
                continue;
            }
            var due = (await retention.DueAsync(centreId, int.MaxValue)).Due.Select(d => d.CandidateId).ToList();
            var clock = Stopwatch.StartNew();
            var run = await retention.DisposeAsync(centreId, due, null);
            Console.WriteLine($"Centre {centreId}: disposed of {run.Disposed} in {clock.Elapsed.TotalSeconds:0.0} s; " +
                $"{run.FilesRemoved} file(s) removed; achievement records kept.");
            foreach (var refusal in run.Refusals)
            {
                Console.WriteLine("  not disposed of: " + refusal);
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }
}
