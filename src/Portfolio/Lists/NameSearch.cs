namespace Portfolio.Lists;

/// <summary>A list's "search by name" box as an ILIKE pattern: any part of the name, % and _ taken literally.</summary>
public static class NameSearch
{
    /// <summary>Null when nothing was typed (the statement ignores it: <c>@nameLike::text IS NULL OR</c>).</summary>
    public static string? Pattern(string? typed) => string.IsNullOrWhiteSpace(typed)
        ? null
        : "%" + typed.Trim().Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
