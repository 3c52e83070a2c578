using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>
/// Commands for deployments and centres, run as `dotnet run --project src/Portfolio.Web -- COMMAND`.
/// They use the same configuration as the site (appsettings, environment, --key=value arguments).
/// </summary>
public static partial class CommandLine
{
    public static readonly IReadOnlyList<string> Names = ["migrate", "create-centre", "validate", "import", "convert", "backup", "restore", "upgrade", "erase", "dispose", "help"];

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
          backup [--to FOLDER]                      write one archive of the database and its files (to Backup:Folder,
                                                    by default beside the data folder), also while the site runs
          restore ARCHIVE                           check an archive, then restore it into an empty data folder (or the
                                                    empty configured database); refuses anything that holds data
          upgrade [--old-bin DIR]                   copy a data folder made by an older PostgreSQL into one for the
                                                    installed version; the old folder is kept beside it
          erase --person ID --reason TEXT [--override TEXT]
                                                    erase a person's personal data (refused while their evidence is
                                                    under assessment or on legal hold, unless --override gives why)
          dispose [--centre ID] [--list-only]        list the portfolios past their retention date and dispose of
                                                    them, keeping each enrolment's achievement record
        Settings (environment or --Key=value): ConnectionStrings:Portfolio, Database:DataFolder, Database:PostgresBin,
          Files:Folder, Backup:Folder
        """;

    public static async Task<int> RunAsync(string[] args, RepositoryPaths paths)
    {
        // As the site sets it: records read by commands (retention, erasure) have snake_case columns.
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
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
                "backup" => await BackupAsync(config, paths, options),
                "restore" => await RestoreAsync(config, paths, args),
                "upgrade" => await UpgradeAsync(config, paths, options),
                "erase" => await EraseAsync(config, paths, options),
                "dispose" => await DisposeAsync(config, paths, options),
                _ => Help(),
            };
        }
        catch (Exception e) when (e is Portfolio.Database.EmbeddedClusterException or Portfolio.Backups.BackupException
                                       or IOException or UnauthorizedAccessException)
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
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=', StringComparison.Ordinal))
            {
                // A flag last or followed by another option (--list-only --centre 1) has no value of its own.
                options[args[i][2..]] = i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal) ? "" : args[++i];
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
}
