using Portfolio.People;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Commands;

/// <summary>Making a centre and its first administrator on a configured server.</summary>
public static partial class CommandLine
{
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
