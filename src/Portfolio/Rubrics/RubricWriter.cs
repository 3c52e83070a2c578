using System.Text;
using System.Text.RegularExpressions;

namespace Portfolio.Rubrics;

/// <summary>
/// Writes a qualification back out as rubric files (format: rubrics/README.md): qualification.md and one
/// file per element. What it writes loads through <see cref="RubricLoader"/> to the same content hash, so a
/// tree that arrived another way (a CASE package) can be imported, edited and downloaded like any other.
/// </summary>
public static partial class RubricWriter
{
    public static IReadOnlyList<RubricFile> ToFiles(Qualification q)
    {
        var files = new List<RubricFile> { File(RubricLoader.QualificationFileName, QualificationFile(q)) };
        files.AddRange(q.Elements.Select(e => File(FileNameOf(e), ElementFile(e))));
        return files;
    }

    /// <summary>The file name an element is written to, e.g. <c>1.2-review-clients-progress.md</c>.</summary>
    public static string FileNameOf(Element element)
    {
        var slug = NotSlug().Replace(element.Title.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 40)
        {
            // Cut at a word boundary so the name stays readable.
            slug = slug[..41];
            slug = slug[..Math.Max(slug.LastIndexOf('-'), 0)];
        }
        return slug.Length == 0 ? $"{element.Id}.md" : $"{element.Id}-{slug}.md";
    }

    static RubricFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    static string Quote(string value) => SeedElementConverter.YamlString(value);

    static string QualificationFile(Qualification q)
    {
        var md = new StringBuilder();
        md.Append("---\n")
            .Append("code: ").Append(Quote(q.Code)).Append('\n')
            .Append("title: ").Append(Quote(q.Title)).Append('\n')
            .Append("level: ").Append(q.Level).Append('\n')
            .Append("awarding_organisation: ").Append(Quote(q.AwardingOrganisation)).Append('\n');
        if (q.GuidedLearningHours is { } glh)
        {
            md.Append("guided_learning_hours: ").Append(glh).Append('\n');
        }
        if (q.OffTheJobMinimumHours is { } otj)
        {
            md.Append("off_the_job_minimum_hours: ").Append(otj).Append('\n');
        }
        if (q.WitnessRequired.Count > 0)
        {
            md.Append("witness_required: [").Append(string.Join(", ", q.WitnessRequired.Select(k => k.Key()))).Append("]\n");
        }
        if (q.CaseIdentifier is { } document)
        {
            md.Append("case_identifier: ").Append(Quote(document)).Append('\n');
        }
        md.Append("units:\n");
        foreach (var unit in q.Units)
        {
            md.Append("  - id: ").Append(Quote(unit.Id)).Append('\n')
                .Append("    title: ").Append(Quote(unit.Title)).Append('\n');
            if (unit.CaseIdentifier is { } identifier)
            {
                md.Append("    case_identifier: ").Append(Quote(identifier)).Append('\n');
            }
        }
        md.Append("---\n\n# ").Append(q.Title).Append('\n');
        return md.ToString();
    }

    static string ElementFile(Element e)
    {
        var md = new StringBuilder();
        md.Append("---\n")
            .Append("id: ").Append(Quote(e.Id)).Append('\n')
            .Append("unit: ").Append(Quote(e.UnitId)).Append('\n')
            .Append("title: ").Append(Quote(e.Title)).Append('\n');
        if (e.CaseIdentifier is { } identifier)
        {
            md.Append("case_identifier: ").Append(Quote(identifier)).Append('\n');
        }
        md.Append("---\n\n# ").Append(e.Id).Append(' ').Append(e.Title).Append('\n');
        foreach (var (heading, text) in new[]
        {
            ("Synopsis", e.Synopsis), ("Key concepts", e.KeyConcepts), ("Guidance for candidates", e.Guidance), ("Common mistakes", e.CommonMistakes),
        }.Where(s => s.Item2.Length > 0))
        {
            md.Append("\n## ").Append(heading).Append("\n\n").Append(text.ReplaceLineEndings("\n")).Append('\n');
        }
        md.Append("\n## Marking points\n\n");
        foreach (var point in e.MarkingPoints)
        {
            md.Append("- **").Append(point.Id).Append("** ").Append(point.Text).Append('\n');
            if (point.EvidenceKinds.Count > 0)
            {
                md.Append("  *Evidence: ").Append(string.Join(", ", point.EvidenceKinds.Select(k => k.Key()))).Append("*\n");
            }
            if (point.CaseIdentifier is { } pointIdentifier)
            {
                md.Append("  *CASE: ").Append(pointIdentifier).Append("*\n");
            }
        }
        return md.ToString();
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
