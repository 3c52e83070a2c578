using Dapper;
using Portfolio.Rubrics;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>Rubric files from the command line: validate, import, convert.</summary>
public static partial class CommandLine
{
    static async Task<int> ValidateAsync(string[] args)
    {
        if (Argument(args) is not { } folder || !Directory.Exists(folder))
        {
            await Console.Error.WriteLineAsync("validate needs a rubric folder: validate DIR");
            return 2;
        }
        var result = RubricLoader.Load(folder);
        foreach (var problem in result.Problems)
        {
            Console.WriteLine(problem);
        }
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"{result.Problems.Count} problem(s): nothing would be imported.");
            return 1;
        }
        var q = result.Qualification!;
        Console.WriteLine($"{q.Code} \"{q.Title}\": {q.Units.Count} units, {q.Elements.Count()} elements, {q.MarkingPoints.Count()} marking points. No problems.");
        return 0;
    }

    static async Task<int> ImportAsync(IConfiguration config, RepositoryPaths paths, string[] args, Dictionary<string, string> options)
    {
        if (Argument(args) is not { } folder || !Directory.Exists(folder))
        {
            await Console.Error.WriteLineAsync("import needs a rubric folder: import DIR [--centre ID]");
            return 2;
        }
        var folders = File.Exists(Path.Combine(folder, RubricLoader.QualificationFileName))
            ? [RubricStore.FilesIn(folder)]
            : RubricStore.FoldersUnder(folder);
        return await WithDatabaseAsync(config, paths, async database =>
        {
            await using var conn = await database.DataSource.OpenConnectionAsync();
            var centres = (await conn.QueryAsync<long>("SELECT id FROM centres ORDER BY id")).ToList();
            long centreId;
            if (options.TryGetValue("centre", out var given) && long.TryParse(given, out var parsed) && centres.Contains(parsed))
            {
                centreId = parsed;
            }
            else if (centres.Count == 1 && !options.ContainsKey("centre"))
            {
                centreId = centres[0];
            }
            else
            {
                await Console.Error.WriteLineAsync($"Name the centre with --centre ID (centres: {string.Join(", ", centres)}).");
                return 2;
            }
            var store = new RubricStore(database.DataSource);
            var failed = false;
            foreach (var files in folders)
            {
                var result = await store.ImportAsync(centreId, null, files);
                foreach (var problem in result.Problems)
                {
                    Console.WriteLine(problem);
                }
                failed |= !result.Succeeded;
                if (result.Succeeded)
                {
                    Console.WriteLine(result.Created
                        ? $"{result.Code}: imported as version {result.Number}."
                        : $"{result.Code}: unchanged, still version {result.Number}.");
                }
            }
            return failed ? 1 : 0;
        });
    }

    static async Task<int> ConvertAsync(string[] args, Dictionary<string, string> options)
    {
        if (Argument(args) is not { } file || !File.Exists(file))
        {
            await Console.Error.WriteLineAsync("convert needs a plain-text element document: convert FILE [--element ID] [--unit ID]");
            return 2;
        }
        var element = options.GetValueOrDefault("element", "1.1");
        var unit = options.GetValueOrDefault("unit", element.Split('.')[0]);
        var converted = SeedElementConverter.Convert(await File.ReadAllTextAsync(file), element, unit);
        if (converted.Markdown is null)
        {
            await Console.Error.WriteLineAsync($"{file}: {converted.Problem}; nothing was written.");
            return 1;
        }
        Console.Write(converted.Markdown);
        return 0;
    }
}
