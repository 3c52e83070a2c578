using System.Text;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Admin;

/// <summary>The shipped demo rubric as files, changed as a test needs, zipped for upload or imported directly.</summary>
internal static class DemoRubric
{
    public const string ReviewElement = "1.2-reviewing-progress.md";

    public static IReadOnlyList<RubricFile> Files => RubricStore.FilesIn(Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice"));

    public static IReadOnlyList<RubricFile> Changed(string path, Func<string, string> change) =>
        Files.Select(f => f.Path == path ? f with { Content = Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(f.Content))) } : f).ToList();

    /// <summary>1.2.1 worded differently.</summary>
    public static IReadOnlyList<RubricFile> Reworded => Changed(ReviewElement, t => t.Replace("safe, supportive setting", "calm and private setting", StringComparison.Ordinal));

    /// <summary>Without marking point 1.2.4 (the last of its element).</summary>
    public static IReadOnlyList<RubricFile> WithoutPoint124 => Changed(ReviewElement, t => t[..t.IndexOf("- **1.2.4**", StringComparison.Ordinal)]);

    public static FileUpload Zip(IReadOnlyList<RubricFile> files, string folder = "career-guidance-practice")
    {
        using var zip = new MemoryStream();
        RubricArchive.Write(files.Select(f => f with { Path = $"{folder}/{f.Path}" }), zip);
        return new FileUpload(folder + ".zip", zip.ToArray(), "application/zip");
    }

    public static async Task<RubricImport> ImportAsync(PortfolioApp app, long centreId, IReadOnlyList<RubricFile>? files = null)
    {
        var import = await new RubricStore(app.DataSource).ImportAsync(centreId, null, files ?? Files);
        Assert.True(import.Succeeded, string.Join("\n", import.Problems));
        return import;
    }

    /// <summary>How many rubric versions the centre has, of any qualification.</summary>
    public static Task<long> VersionCountAsync(PortfolioApp app, long centreId) =>
        app.ScalarAsync<long>("SELECT count(*) FROM rubric_versions v JOIN qualifications q ON q.id = v.qualification_id WHERE q.centre_id = @centreId", new { centreId });
}
