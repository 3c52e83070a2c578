namespace Portfolio.Tests.Harness;

/// <summary>Finds the checkout from the test binaries: the folder holding Portfolio.sln, with shared/ beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rubrics => Path.Combine(Root, "rubrics");

    public static string Seeds => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    public static string Seed(string prefix) =>
        Directory.GetFiles(Seeds, prefix + "_*.txt").Single();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portfolio.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Portfolio.sln not found above " + AppContext.BaseDirectory);
    }
}
