namespace Portfolio.Web.Hosting;

/// <summary>
/// Where the site finds its web root, rubric files and data folder. From a checkout these sit at the top of the
/// repository (beside Portfolio.sln); a deployment sets WebRoot, Rubrics:Folder and Database:DataFolder instead.
/// </summary>
public sealed record RepositoryPaths(string Root)
{
    public string WebRoot => Path.Combine(Root, "wwwroot");
    public string Rubrics => Path.Combine(Root, "rubrics");
    public string DefaultDataFolder => Path.Combine(Root, ".data");

    public static RepositoryPaths Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Portfolio.sln")))
                {
                    return new RepositoryPaths(dir.FullName);
                }
            }
        }
        return new RepositoryPaths(AppContext.BaseDirectory);
    }
}
