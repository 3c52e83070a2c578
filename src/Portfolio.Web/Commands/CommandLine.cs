using Portfolio.People;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>
/// Commands for deployments and centres, run as `dotnet run --project src/Portfolio.Web -- COMMAND`.
/// They use the same configuration as the site (appsettings, environment, --key=value arguments).
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlyList<string> Names = ["migrate", "create-centre", "help"];

    const string Usage = """
        Commands (dotnet run --project src/Portfolio.Web -- COMMAND):
          migrate                                   bring the database up to the newest schema, then exit
          create-centre --name NAME --admin-email EMAIL --admin-name NAME
                                                    create a centre and its first administrator; the password
                                                    comes from PORTFOLIO_ADMIN_PASSWORD or standard input
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
        try
        {
            return args[0] switch
            {
                "migrate" => await WithDatabaseAsync(config, paths, _ => Task.FromResult(0)),
                "create-centre" => await CreateCentreAsync(config, paths, options),
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
