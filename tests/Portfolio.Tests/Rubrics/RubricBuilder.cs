using System.Text;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

/// <summary>Small in-memory rubrics: a valid one by default, with any file replaced or added.</summary>
internal sealed class RubricBuilder
{
    public const string QualificationText = """
        ---
        code: TST-L3
        title: Test qualification
        level: 3
        awarding_organisation: Test body
        units:
          - id: "1"
            title: Unit one
        ---
        """;

    public const string ElementText = """
        ---
        id: "1.1"
        unit: "1"
        title: Element one
        ---

        ## Synopsis
        What it is about.

        ## Marking points
        - **1.1.1** First point.
          *Evidence: action plan, Reflective accounts*
        - **1.1.2** Second point
          over two lines.
        """;

    private readonly Dictionary<string, byte[]> files = new()
    {
        ["qualification.md"] = Encoding.UTF8.GetBytes(QualificationText),
        ["1.1.md"] = Encoding.UTF8.GetBytes(ElementText),
    };

    public RubricBuilder With(string path, string text) => With(path, Encoding.UTF8.GetBytes(text));

    public RubricBuilder With(string path, byte[] content)
    {
        files[path] = content;
        return this;
    }

    public RubricBuilder Without(string path)
    {
        files.Remove(path);
        return this;
    }

    public IReadOnlyList<RubricFile> Files => files.Select(f => new RubricFile(f.Key, f.Value)).ToList();

    public RubricLoadResult Load() => RubricLoader.Load(Files);

    public Qualification LoadClean()
    {
        var result = Load();
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.Qualification!;
    }
}
