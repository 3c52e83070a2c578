using System.Globalization;
using Portfolio.Text;

namespace Portfolio.Hours;

/// <summary>A row of an imported log that is fit to save, with the line it came from.</summary>
public sealed record ImportedEntry(int Line, EntryInput Entry);

/// <summary>
/// Reads a learning-hours log exported from a spreadsheet as CSV: a header row naming the columns date, hours,
/// category and learned (in any order; other columns are ignored), then one activity a row. Every row is checked with
/// the log form's rules; every problem is reported with its line number, and nothing is returned to import unless all
/// rows are good.
/// </summary>
public static class HoursCsv
{
    public const int MaxRows = 2000;

    static readonly string[] Required = ["date", "hours", "category", "learned"];
    static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"];

    public static (IReadOnlyList<ImportedEntry> Entries, IReadOnlyList<string> Problems) Read(string text,
        DateOnly today)
    {
        var records = Csv.Records(text).ToList();
        if (records.Count == 0)
        {
            return ([], ["The file is empty: the first line must name the columns date, hours, category, learned"]);
        }
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            return ([], [$"Line 1: the header row has no column {string.Join(", ", missing)}"
                + " (it needs date, hours, category and learned)"]);
        }
        var rows = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        if (rows.Count > MaxRows)
        {
            return ([], [$"The file has {rows.Count:N0} activities: import at most {MaxRows:N0} at a time"]);
        }
        var entries = new List<ImportedEntry>();
        var problems = new List<string>();
        foreach (var (line, fields) in rows)
        {
            string Field(string name) => header.IndexOf(name) is var i && i < fields.Count ? fields[i].Trim() : "";
            DateOnly? date = DateOnly.TryParseExact(Field("date"), DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var d) ? d : null;
            decimal? hours = decimal.TryParse(Field("hours"), NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var h) ? h : null;
            var category = HoursCategories.FindByKeyOrLabel(Field("category"));
            var learned = Field("learned");
            var found = EntryRules.Check(date, hours, category?.Key, learned, today).ToList();
            if (date is null && Field("date").Length > 0)
            {
                found.RemoveAll(p => p.Field == "Date");
                found.Insert(0, new("Date", $"the date '{Field("date")}' is not a date like 2026-03-31 or 31/03/2026"));
            }
            if (category is null && Field("category").Length > 0)
            {
                found.RemoveAll(p => p.Field == "Category");
                found.Add(new("Category", $"'{Field("category")}' is not a category (use one of: "
                    + string.Join(", ", HoursCategories.All.Select(c => c.Label)) + ")"));
            }
            if (found.Count > 0)
            {
                problems.Add($"Line {line}: " + string.Join("; ", found.Select(p => Lower(p.Message))));
                continue;
            }
            entries.Add(new(line, new EntryInput(date!.Value, EntryRules.Minutes(hours!.Value), category!.Key,
                learned, [], [])));
        }
        return problems.Count > 0 ? ([], problems) : (entries, []);
    }

    static string Lower(string message) =>
        message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..];
}
