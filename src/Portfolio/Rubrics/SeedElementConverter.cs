using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portfolio.Rubrics;

/// <summary>
/// Turns a plain-text element document (synopsis, key concepts, tips, common mistakes, examiner
/// marking points under plain headings) into a rubric element file. Marking points get ids
/// <c>element.1</c>, <c>element.2</c>, … in document order and no evidence kinds: a centre reviews
/// and completes the result before importing it.
/// </summary>
public static partial class SeedElementConverter
{
    /// <summary>The element file, or why none was made (a document without examiner marking points).</summary>
    public sealed record Conversion(string? Markdown, string? Problem);

    private enum Section { Synopsis, KeyConcepts, Guidance, CommonMistakes, MarkingPoints }

    private static readonly (Section Section, string Heading)[] Output =
    [
        (Section.Synopsis, "Synopsis"),
        (Section.KeyConcepts, "Key concepts"),
        (Section.Guidance, "Guidance for candidates"),
        (Section.CommonMistakes, "Common mistakes"),
        (Section.MarkingPoints, "Marking points"),
    ];

    public static Conversion Convert(string text, string elementId, string unitId, string? title = null)
    {
        // Text before the first heading is ignored except as a last-resort title: in the seed
        // documents it is a cut-off preview of the synopsis.
        var preamble = new List<string>();
        var sections = new Dictionary<Section, List<string>>();
        List<string> current = preamble;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (HeadingOf(line) is { } section)
            {
                current = sections.TryGetValue(section, out var existing) ? existing : sections[section] = [];
                continue;
            }
            current.Add(line);
        }

        var items = Output.ToDictionary(o => o.Section, o => Items(sections.GetValueOrDefault(o.Section) ?? []));
        if (items[Section.MarkingPoints].Count == 0)
        {
            // An element with no marking points can be judged against nothing; the author must add them first.
            return new(null, sections.ContainsKey(Section.MarkingPoints)
                ? "the Examiner Marking Points section is empty: write each marking point on a line of its own under it"
                : "the document has no examiner marking points: "
                    + "add a heading 'Examiner Marking Points' with one point per line");
        }
        title ??= TitleFrom(items[Section.Synopsis].FirstOrDefault())
            ?? TitleFrom(preamble.FirstOrDefault(l => l.Trim().Length > 0))
            ?? $"Element {elementId}";

        var md = new StringBuilder();
        md.Append("---\n")
            .Append("id: ").Append(YamlString(elementId)).Append('\n')
            .Append("unit: ").Append(YamlString(unitId)).Append('\n')
            .Append("title: ").Append(YamlString(title)).Append('\n')
            .Append("---\n\n")
            .Append("# ").Append(elementId).Append(' ').Append(title).Append('\n');
        foreach (var (section, heading) in Output)
        {
            var list = items[section];
            if (list.Count == 0)
            {
                continue;
            }
            md.Append("\n## ").Append(heading).Append("\n\n");
            if (section == Section.Synopsis && !sections[section].Any(IsBullet))
            {
                md.Append(string.Join("\n\n", list)).Append('\n');
                continue;
            }
            var number = 0;
            foreach (var item in list)
            {
                md.Append("- ");
                if (section == Section.MarkingPoints)
                {
                    md.Append("**").Append(elementId).Append('.').Append(++number).Append("** ");
                }
                md.Append(item).Append('\n');
            }
        }
        return new(md.ToString(), null);
    }

    /// <summary>
    /// Splits a section into items: one per bullet (continuation lines join the item above), or,
    /// when the section has no bullets, one per paragraph.
    /// </summary>
    private static List<string> Items(List<string> lines)
    {
        var items = new List<string>();
        var bulleted = lines.Any(IsBullet);
        StringBuilder? item = null;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (bulleted ? IsBullet(line) : trimmed.Length > 0 && item is null)
            {
                Flush();
                item = new StringBuilder(Bullet().Replace(trimmed, ""));
            }
            else if (trimmed.Length == 0)
            {
                if (!bulleted)
                {
                    Flush();
                }
            }
            else if (item is not null)
            {
                item.Append(' ').Append(trimmed);
            }
        }
        Flush();
        return items;

        void Flush()
        {
            if (item is not null && Whitespace().Replace(item.ToString(), " ").Trim() is { Length: > 0 } done)
            {
                items.Add(done);
            }
            item = null;
        }
    }

    private static bool IsBullet(string line) => Bullet().IsMatch(line.Trim());

    private static Section? HeadingOf(string line)
    {
        var name = Whitespace().Replace(line.Trim().TrimStart('#').Trim().Trim('*').Trim().TrimEnd(':').Replace("&", " and "), " ")
            .Trim().ToLowerInvariant();
        // A heading is a short line that is neither a bullet nor a sentence.
        if (name.Length == 0 || IsBullet(line) || name.EndsWith('.') || name.Split(' ').Length > 8)
        {
            return null;
        }
        return name switch
        {
            _ when name.Contains("synopsis") => Section.Synopsis,
            _ when name.Contains("key concept") || name.Contains("core principle") => Section.KeyConcepts,
            _ when name.Contains("misconception") || name.Contains("mistake") => Section.CommonMistakes,
            _ when name.Contains("marking point") || name.Contains("assessment criteria") => Section.MarkingPoints,
            _ when name.Contains("tips") || name.Contains("revision") || name.Contains("guidance for") => Section.Guidance,
            _ => null,
        };
    }

    /// <summary>The first sentence, without a leading "This element focuses on", capitalised and kept short.</summary>
    private static string? TitleFrom(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var sentence = SentenceEnd().Split(text.Trim(), 2)[0].TrimEnd('.', ' ');
        sentence = ElementPreamble().Replace(sentence, "");
        if (sentence.Length > 100)
        {
            var cut = sentence.LastIndexOf(' ', 100);
            sentence = sentence[..(cut > 40 ? cut : 100)].TrimEnd(',', ';', ' ') + "…";
        }
        return sentence.Length == 0 ? null : char.ToUpper(sentence[0], CultureInfo.InvariantCulture) + sentence[1..];
    }

    internal static string YamlString(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^(?:[-*•‣◦▪–—+]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^this (?:element|unit)\s+(?:\w+\s+)?(?:on|about|with)\s+(?:the\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex ElementPreamble();
}
