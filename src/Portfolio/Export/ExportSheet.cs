namespace Portfolio.Export;

/// <param name="Width">Width in characters; when null the formatted report sizes it from the text, the streaming writer from the header.</param>
public sealed record ExportColumn(string Header, double? Width = null);

/// <summary>
/// A sheet of an export: an optional title in row 1, then the header row, then the data rows.
/// </summary>
public sealed record ExportSheet(string Name, string? Title, IReadOnlyList<ExportColumn> Columns)
{
    /// <summary>The 1-based row holding the column headers; the rows down to it stay frozen and repeat on every printed page.</summary>
    public int HeaderRow => Title is null ? 1 : 2;
}

/// <summary>Column widths from text lengths: cheap, and needs no font measuring (AdjustToContents needs libgdiplus and is very slow).</summary>
public static class ColumnWidth
{
    public const double Min = 8;
    public const double Max = 60;

    /// <summary>The width in characters for a column whose longest text is <paramref name="longestText"/> characters.</summary>
    public static double ForLength(int longestText) => Math.Clamp(longestText + 2, Min, Max);
}

/// <summary>Sheet names Excel accepts: at most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, unique.</summary>
public sealed class SheetNames
{
    public const int MaxLength = 31;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public string Claim(string? wanted)
    {
        var name = Clean(wanted);
        var candidate = name;
        for (var n = 2; !_used.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = name[..Math.Min(name.Length, MaxLength - suffix.Length)].TrimEnd() + suffix;
        }
        return candidate;
    }

    private static string Clean(string? wanted)
    {
        var chars = CellText.Safe(wanted).TrimStart('\'')
            .Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? ' ' : c)
            .ToArray();
        var name = new string(chars).Trim().Trim('\'').Trim();
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength].TrimEnd().TrimEnd('\'');
        }
        if (name.Length == 0)
        {
            return "Sheet";
        }
        // Excel reserves "History" for its change-tracking sheet.
        return name.Equals("History", StringComparison.OrdinalIgnoreCase) ? "History sheet" : name;
    }
}
