using Portfolio.Web.Commands;
using Portfolio.Web.Hosting;

var paths = RepositoryPaths.Find();
if (args.Length > 0 && CommandLine.Names.Contains(args[0]))
{
    return await CommandLine.RunAsync(args, paths);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = paths.WebRoot,
});
builder.AddPortfolio(paths);
var app = builder.Build();
try
{
    await app.StartPortfolioDatabaseAsync();
}
catch (Portfolio.Database.EmbeddedClusterException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}
app.UsePortfolio();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
