using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Portfolio.Rubrics;

// The Marking points section: every block in it must be a list of points, each starting with its id in bold.
public static partial class RubricLoader
{
    private static List<MarkingPoint> ReadMarkingPoints(
        RubricSource source, (int Line, List<Block> Blocks)? section, string? elementId,
        Dictionary<string, string> pointIds)
    {
        var points = new List<MarkingPoint>();
        var items = 0;
        foreach (var block in section?.Blocks ?? [])
        {
            if (block is not ListBlock list)
            {
                // A point without its dash (a paragraph after a blank line, an indented block) would vanish unseen.
                source.Problem(RubricSource.LineOf(block), $"'{Opening(source, block)}' is not a marking point: "
                    + $"write each point as a list item, '- **{elementId ?? "1.1"}.N** text'");
                continue;
            }
            foreach (var item in list.OfType<ListItemBlock>())
            {
                items++;
                if (ReadMarkingPoint(source, item, elementId) is not { } point)
                {
                    continue;
                }
                if (pointIds.TryGetValue(point.Id, out var first))
                {
                    source.Problem(RubricSource.LineOf(item),
                        $"duplicate marking point id '{point.Id}' (first used at {first})");
                    continue;
                }
                pointIds[point.Id] = $"{source.Path}:{RubricSource.LineOf(item)}";
                points.Add(point);
            }
        }
        // Items that were listed but rejected have been reported already, each on its own line.
        if (items == 0)
        {
            source.Problem(section?.Line ?? source.FrontMatterLine, $"element '{elementId}' has no marking points: "
                + $"list them under '## Marking points' as '- **{elementId ?? "1.1"}.1** text'");
        }
        return points;
    }

    /// <summary>
    /// A point's id starts with its element's and a dot (1.2.3 of 1.2), or a letter as some publishers number
    /// parts of a standard (6.RP.A.3a of 6.RP.A.3).
    /// </summary>
    public static bool IsPointOf(string pointId, string elementId) =>
        pointId.StartsWith(elementId, StringComparison.Ordinal) && pointId.Length > elementId.Length
        && (char.IsAsciiLetter(pointId[elementId.Length])
            || (pointId[elementId.Length] == '.' && pointId.Length > elementId.Length + 1));

    /// <summary>A code an import can give: it goes into a file name and in bold at the start of a point.</summary>
    public static bool IsUsableCode(string code) => UsableCode().IsMatch(code);

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,58}[A-Za-z0-9])?$")]
    private static partial Regex UsableCode();

    private static string Opening(RubricSource source, Block block)
    {
        var line = source.SourceOf(block).ReplaceLineEndings("\n").Split('\n')[0].Trim();
        return line.Length > 40 ? line[..40] + "…" : line;
    }

    /// <summary>An id of another point run on into this one's text (its dash left out) is reported.</summary>
    private static void ReportRunOnIds(RubricSource source, int line, string raw, string pointId)
    {
        foreach (Match inner in InnerPointId().Matches(raw))
        {
            if (raw[..inner.Index].Trim().Length == 0)
            {
                continue;
            }
            var at = line + raw[..inner.Index].Count(c => c == '\n');
            source.Problem(at, $"marking point id '{inner.Groups["id"].Value}' is inside the text of '{pointId}': "
                + "start each marking point on a line of its own with '- '");
        }
    }

    private static MarkingPoint? ReadMarkingPoint(RubricSource source, ListItemBlock item, string? elementId)
    {
        var line = RubricSource.LineOf(item);
        var raw = ListMarker().Replace(source.SourceOf(item), "", 1);

        string? caseIdentifier = null;
        if (CaseLine().Match(raw) is { Success: true } caseLine)
        {
            caseIdentifier = caseLine.Groups["id"].Value;
            raw = raw.Remove(caseLine.Index, caseLine.Length);
        }
        var kinds = new List<EvidenceKind>();
        if (EvidenceLine().Match(raw) is { Success: true } evidence)
        {
            var evidenceLine = line + raw[..evidence.Index].Count(c => c == '\n');
            var names = EvidenceSeparator().Split(evidence.Groups["kinds"].Value).Select(k => k.Trim()).Where(k => k.Length > 0);
            foreach (var name in names)
            {
                if (!EvidenceKinds.TryParse(name, out var kind))
                {
                    source.Problem(evidenceLine, $"unknown evidence kind '{name}' "
                        + $"(expected one of {string.Join(", ", EvidenceKinds.All.Select(k => k.Key()))})");
                }
                else if (!kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }
            }
            raw = raw.Remove(evidence.Index, evidence.Length);
        }

        if (PointId().Match(raw) is not { Success: true } match)
        {
            source.Problem(line, "marking point has no id: begin the item with its id in bold, "
                + $"e.g. '- **{elementId ?? "1.1"}.1** text'");
            return null;
        }
        var pointId = match.Groups["id"].Value;
        ReportRunOnIds(source, line, raw, pointId);
        var text = Whitespace().Replace(match.Groups["text"].Value, " ").Trim();
        var ok = true;
        if (text.Length == 0)
        {
            source.Problem(line, $"marking point '{pointId}' has no text");
            ok = false;
        }
        if (elementId is not null && !IsPointOf(pointId, elementId))
        {
            source.Problem(line, $"marking point id '{pointId}' does not start with its element id '{elementId}.'");
            ok = false;
        }
        return ok ? new MarkingPoint(pointId, text, kinds) { CaseIdentifier = caseIdentifier } : null;
    }

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+[.)])[ \t]*")]
    private static partial Regex ListMarker();

    // "*Evidence: action plan, reflective account*" (or with underscores) on its own line or at the end.
    [GeneratedRegex(@"(?:^|\s)[*_]Evidence\s*:\s*(?<kinds>[^*_\n]*)[*_]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EvidenceLine();

    [GeneratedRegex(@"\s*(?:,|;|\band\b)\s*")]
    private static partial Regex EvidenceSeparator();

    [GeneratedRegex(@"^\s*\*\*(?<id>[^*\s]+)\*\*(?<text>.*)$", RegexOptions.Singleline)]
    private static partial Regex PointId();

    // An id such as 1.2.3 in bold anywhere, or at the start of a line (bold or not).
    [GeneratedRegex(@"(?:\*\*|^[ \t]*\**)(?<id>\d+(?:\.\d+){2,})\b", RegexOptions.Multiline)]
    private static partial Regex InnerPointId();
}
