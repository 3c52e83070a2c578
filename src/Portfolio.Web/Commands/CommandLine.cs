using Dapper;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>
/// Commands for deployments and centres, run as `dotnet run --project src/Portfolio.Web -- COMMAND`.
/// They use the same configuration as the site (appsettings, environment, --key=value arguments).
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlyList<string> Names = ["migrate", "create-centre", "validate", "import", "convert", "help"];

    const string Usage = """
        Commands (dotnet run --project src/Portfolio.Web -- COMMAND):
          migrate                                   bring the database up to the newest schema, then exit
          create-centre --name NAME --admin-email EMAIL --admin-name NAME
                                                    create a centre and its first administrator; the password
                                                    comes from PORTFOLIO_ADMIN_PASSWORD or standard input
          validate DIR                              check a rubric folder; prints every problem as file:line and
                                                    exits 1 when there is any
          import DIR [--centre ID]                  validate, then import the rubric folder (or every rubric folder
                                                    under DIR) as a new version when its content changed
          convert FILE [--element ID] [--unit ID]   turn a plain-text element document (Topic Synopsis, Examiner
                                                    Marking Points, ...) into a rubric element file on standard output
        Settings (environment or --Key=value): ConnectionStrings:Portfolio, Database:DataFolder, Database:PostgresBin
        """;

    public static async Task<int> RunAsync(string[] args, RepositoryPaths paths)
    {
        var config = new ConfigurationBuilder()
            .SetBasePath(Path.Combine(paths.Root, "src", "Portfolio.Web"))
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Skip(1).Where(a => a.Contains('=', StringComparison.Ordinal)).ToArray())
            .Build();
        var options = Options(args.Skip(1).ToArray());
        repository = paths;
        try
        {
            return args[0] switch
            {
                "migrate" => await WithDatabaseAsync(config, paths, _ => Task.FromResult(0)),
                "create-centre" => await CreateCentreAsync(config, paths, options),
                "validate" => await ValidateAsync(args),
                "import" => await ImportAsync(config, paths, args, options),
                "convert" => await ConvertAsync(args, options),
                _ => Help(),
            };
        }
        catch (Portfolio.Database.EmbeddedClusterException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    static int Help()
    {
        Console.WriteLine(Usage);
        return 0;
    }

    static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=', StringComparison.Ordinal))
            {
                options[args[i][2..]] = args[++i];
            }
        }
        return options;
    }

    static async Task<int> WithDatabaseAsync(IConfiguration config, RepositoryPaths paths, Func<PortfolioDatabase, Task<int>> work)
    {
        await using var database = new PortfolioDatabase(config, paths);
        await database.StartAsync();
        Portfolio.Migrations.Migrator.MigrateUp(database.DataSource.ConnectionString);
        Console.WriteLine("Database is at the newest schema.");
        return await work(database);
    }

    static RepositoryPaths? repository;

    /// <summary>
    /// The command's path argument. `dotnet run` starts the program in the project folder, so a relative path
    /// is tried against the current folder and then against the repository root, where the README's commands run.
    /// </summary>
    static string? Argument(string[] args)
    {
        var given = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (given is null || Path.IsPathRooted(given) || Path.Exists(given) || repository is null)
        {
            return given;
        }
        return Path.Combine(repository.Root, given);
    }

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

    static async Task<int> CreateCentreAsync(IConfiguration config, RepositoryPaths paths, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("name", out var name) || !options.TryGetValue("admin-email", out var email) || !options.TryGetValue("admin-name", out var adminName))
        {
            await Console.Error.WriteLineAsync("create-centre needs --name, --admin-email and --admin-name.\n" + Usage);
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("PORTFOLIO_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected)
            {
                Console.Write("Password for the administrator: ");
            }
            password = (await Console.In.ReadLineAsync())?.Trim() ?? "";
        }
        if (Passwords.Weakness(password, email) is { } weakness)
        {
            await Console.Error.WriteLineAsync(weakness + ".");
            return 2;
        }
        return await WithDatabaseAsync(config, paths, async database =>
        {
            var centreId = await Centres.CreateAsync(database.DataSource, name,
                new Centres.NewPerson(email, adminName, password, [Role.CentreAdministrator]));
            Console.WriteLine($"Created centre {centreId} \"{name}\" with administrator {email.Trim().ToLowerInvariant()}.");
            return 0;
        });
    }
}
