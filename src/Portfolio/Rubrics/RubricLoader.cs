using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using YamlDotNet.RepresentationModel;

namespace Portfolio.Rubrics;

/// <summary>
/// Reads a rubric folder (format: rubrics/README.md) into a <see cref="Qualification"/>, or reports
/// every problem at once so an author can fix them all in one pass.
/// </summary>
public static partial class RubricLoader
{
    public const string QualificationFileName = "qualification.md";

    public static RubricLoadResult Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new(null, [new RubricProblem(folder, 0, "the rubric folder does not exist")]);
        }
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => new RubricFile(Path.GetRelativePath(folder, p).Replace('\\', '/'), File.ReadAllBytes(p)))
            .ToList();
        return Load(files);
    }

    /// <summary>
    /// Loads from files held in memory (a zip upload, the editor). Paths may carry a leading folder;
    /// files are told apart by name. Files other than Markdown, and README.md, are ignored.
    /// </summary>
    public static RubricLoadResult Load(IReadOnlyList<RubricFile> files)
    {
        var problems = new List<RubricProblem>();
        var markdown = files
            .Where(f => f.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Where(f => !FileName(f.Path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var qualificationFiles = markdown.Where(IsQualificationFile).ToList();

        QualificationHeader? header = null;
        if (qualificationFiles.Count == 0)
        {
            problems.Add(new(QualificationFileName, 0, $"there is no {QualificationFileName}; every rubric folder needs one"));
        }
        else
        {
            foreach (var extra in qualificationFiles.Skip(1))
            {
                problems.Add(new(extra.Path, 0, $"a second {QualificationFileName} (the first is {qualificationFiles[0].Path}); a rubric describes one qualification"));
            }
            header = ReadQualification(qualificationFiles[0], problems);
        }

        var elements = new List<(Element Element, RubricSource Source, int UnitLine)>();
        var elementIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var pointIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in markdown.Where(f => !IsQualificationFile(f)))
        {
            if (ReadElement(file, problems, pointIds) is not { } read)
            {
                continue;
            }
            var (element, source, idLine, unitLine) = read;
            if (elementIds.TryGetValue(element.Id, out var first))
            {
                source.Problem(idLine, $"duplicate element id '{element.Id}' (first used at {first})");
                continue;
            }
            elementIds[element.Id] = $"{file.Path}:{idLine}";
            elements.Add((element, source, unitLine));
        }

        if (header is not null)
        {
            foreach (var (element, source, unitLine) in elements.Where(e => !header.Units.Any(u => u.Id == e.Element.UnitId)))
            {
                source.Problem(unitLine, $"unit '{element.UnitId}' is not a unit of the qualification ({QualificationFileName} lists {string.Join(", ", header.Units.Select(u => u.Id))})");
            }
            foreach (var unit in header.Units.Where(u => !elements.Any(e => e.Element.UnitId == u.Id)))
            {
                header.Source.Problem(unit.Line, $"unit '{unit.Id}' has no elements");
            }
        }

        if (problems.Count > 0 || header is null)
        {
            return new(null, problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList());
        }
        var units = header.Units
            .Select(u => new Unit(u.Id, u.Title, elements
                .Select(e => e.Element)
                .Where(e => e.UnitId == u.Id)
                .OrderBy(e => e.Id, RubricIdComparer.Instance)
                .ToList()) { CaseIdentifier = u.CaseIdentifier })
            .ToList();
        return new(new Qualification(header.Code, header.Title, header.Level, header.AwardingOrganisation, units)
        {
            GuidedLearningHours = header.GuidedLearningHours,
            OffTheJobMinimumHours = header.OffTheJobMinimumHours,
            WitnessRequired = header.WitnessRequired,
            CaseIdentifier = header.CaseIdentifier,
        }, []);
    }

    private static string FileName(string path) => path.Replace('\\', '/').Split('/')[^1];

    private static bool IsQualificationFile(RubricFile file) =>
        FileName(file.Path).Equals(QualificationFileName, StringComparison.OrdinalIgnoreCase);

    private sealed record UnitHeader(string Id, string Title, int Line, string? CaseIdentifier);

    private sealed record QualificationHeader(
        string Code, string Title, int Level, string AwardingOrganisation, IReadOnlyList<UnitHeader> Units,
            RubricSource Source)
    {
        public int? GuidedLearningHours { get; init; }
        public int? OffTheJobMinimumHours { get; init; }
        public IReadOnlyList<EvidenceKind> WitnessRequired { get; init; } = [];
        public string? CaseIdentifier { get; init; }
    }

    private static QualificationHeader? ReadQualification(RubricFile file, List<RubricProblem> problems)
    {
        if (RubricSource.Read(file, problems) is not { FrontMatter: { } map } source)
        {
            return null;
        }
        const string where = "the qualification's front matter";
        source.CheckKeys(map, "code", "title", "level", "awarding_organisation", "units",
            "guided_learning_hours", "off_the_job_minimum_hours", "witness_required", CaseIdentifierKey);
        var code = source.Required(map, "code", where).Value;
        var title = source.Required(map, "title", where).Value;
        var organisation = source.Required(map, "awarding_organisation", where).Value;
        var (levelText, levelLine) = source.Required(map, "level", where);
        var level = 0;
        if (levelText is not null && !int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out level))
        {
            source.Problem(levelLine, $"level '{levelText}' must be a whole number, e.g. 4");
        }

        var units = new List<UnitHeader>();
        switch (source.Optional(map, "units"))
        {
            case null:
                source.Problem(source.LineOf(map), $"{where} has no 'units'");
                break;
            case YamlSequenceNode { Children.Count: > 0 } list:
                foreach (var entry in list)
                {
                    if (entry is not YamlMappingNode unitMap)
                    {
                        source.Problem(source.LineOf(entry), "each unit must have 'id' and 'title' keys");
                        continue;
                    }
                    source.CheckKeys(unitMap, "id", "title", CaseIdentifierKey);
                    var (id, idLine) = source.Required(unitMap, "id", "the unit");
                    var unitTitle = source.Required(unitMap, "title", "the unit").Value;
                    if (id is null || unitTitle is null)
                    {
                        continue;
                    }
                    if (units.FirstOrDefault(u => u.Id == id) is { } first)
                    {
                        source.Problem(idLine, $"duplicate unit id '{id}' (first used on line {first.Line})");
                        continue;
                    }
                    units.Add(new(id, unitTitle, idLine, CaseIdentifierOf(source, unitMap)));
                }
                break;
            case var other:
                source.Problem(source.LineOf(other), "'units' must be a list of units, each with 'id' and 'title'");
                break;
        }
        var guided = OptionalHours(source, map, "guided_learning_hours");
        var offTheJob = OptionalHours(source, map, "off_the_job_minimum_hours");
        var witnessed = WitnessRequired(source, map);
        return code is null || title is null || organisation is null
            ? null
            : new QualificationHeader(code, title, level, organisation, units, source)
            {
                GuidedLearningHours = guided,
                OffTheJobMinimumHours = offTheJob,
                WitnessRequired = witnessed,
                CaseIdentifier = CaseIdentifierOf(source, map),
            };
    }

    // An optional number of hours: a whole number from 1 to 10,000 (no qualification asks for more).
    private static int? OptionalHours(RubricSource source, YamlMappingNode map, string key)
    {
        switch (source.Optional(map, key))
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } text } node
                when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours):
                if (hours is >= 1 and <= 10_000)
                {
                    return hours;
                }
                source.Problem(source.LineOf(node), $"{key} {hours} must be between 1 and 10,000 hours");
                return null;
            case var other:
                source.Problem(source.LineOf(other),
                    $"{key} must be a whole number of hours, e.g. {key}: 280"
                    + $" (found '{(other as YamlScalarNode)?.Value}')");
                return null;
        }
    }

    private enum Section { Synopsis, KeyConcepts, Guidance, CommonMistakes, MarkingPoints }

    // Headings an author may use for each section; the seed documents' own headings are accepted too.
    private static readonly Dictionary<string, Section> SectionNames = new(StringComparer.Ordinal)
    {
        ["synopsis"] = Section.Synopsis,
        ["topic synopsis"] = Section.Synopsis,
        ["key concepts"] = Section.KeyConcepts,
        ["key concepts and core principles"] = Section.KeyConcepts,
        ["guidance for candidates"] = Section.Guidance,
        ["guidance"] = Section.Guidance,
        ["exam tips and revision strategies"] = Section.Guidance,
        ["common mistakes"] = Section.CommonMistakes,
        ["common misconceptions and mistakes to avoid"] = Section.CommonMistakes,
        ["marking points"] = Section.MarkingPoints,
        ["examiner marking points"] = Section.MarkingPoints,
    };

    private const string ExpectedSections = "Synopsis, Key concepts, Guidance for candidates, Common mistakes, Marking points";

    private static (Element Element, RubricSource Source, int IdLine, int UnitLine)? ReadElement(
        RubricFile file, List<RubricProblem> problems, Dictionary<string, string> pointIds)
    {
        if (RubricSource.Read(file, problems) is not { } source)
        {
            return null;
        }
        string? id = null, unitId = null, title = null, caseIdentifier = null;
        int idLine = source.FrontMatterLine, unitLine = source.FrontMatterLine;
        if (source.FrontMatter is { } map)
        {
            const string where = "the element's front matter";
            source.CheckKeys(map, "id", "unit", "title", CaseIdentifierKey);
            caseIdentifier = CaseIdentifierOf(source, map);
            (id, idLine) = source.Required(map, "id", where);
            (unitId, unitLine) = source.Required(map, "unit", where);
            title = source.Required(map, "title", where).Value;
        }

        var sections = new Dictionary<Section, (int Line, List<Block> Blocks)>();
        List<Block>? current = null;
        foreach (var block in source.Document)
        {
            if (block is HeadingBlock { Level: 2 } heading)
            {
                var name = NormaliseHeading(source.SourceOf(heading).ReplaceLineEndings("\n").Split('\n')[0]);
                current = null;
                if (!SectionNames.TryGetValue(name, out var section))
                {
                    source.Problem(RubricSource.LineOf(heading), $"unknown section '{name}' (expected {ExpectedSections})");
                }
                else if (sections.ContainsKey(section))
                {
                    source.Problem(RubricSource.LineOf(heading), $"section '{name}' appears twice");
                }
                else
                {
                    current = [];
                    sections[section] = (RubricSource.LineOf(heading), current);
                }
            }
            else
            {
                current?.Add(block);
            }
        }

        string Markdown(Section section) =>
            sections.TryGetValue(section, out var s) && s.Blocks.Count > 0
                ? source.Text[s.Blocks[0].Span.Start..(s.Blocks[^1].Span.End + 1)].Trim()
                : "";

        var points = ReadMarkingPoints(source, sections.TryGetValue(Section.MarkingPoints, out var pointSection)
            ? pointSection : null, id, pointIds);

        if (id is null || unitId is null || title is null)
        {
            return null;
        }
        var element = new Element(id, unitId, title,
            Markdown(Section.Synopsis), Markdown(Section.KeyConcepts), Markdown(Section.Guidance), Markdown(Section.CommonMistakes),
            points) { CaseIdentifier = caseIdentifier };
        return (element, source, idLine, unitLine);
    }

    private static string NormaliseHeading(string markdown) =>
        Whitespace().Replace(markdown.Trim().Trim('#').Replace("&", " and ").Trim().TrimEnd(':').Trim().ToLowerInvariant(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>Orders ids like 1.2 &lt; 1.10 by comparing their numeric parts as numbers.</summary>
public sealed class RubricIdComparer : IComparer<string>
{
    public static RubricIdComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").Split('.');
        var b = (y ?? "").Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = int.TryParse(a[i], out var m) && int.TryParse(b[i], out var n)
                ? m.CompareTo(n)
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return a.Length.CompareTo(b.Length);
    }
}
