using System.Globalization;

namespace Portfolio.Export;

public enum ExportValueKind
{
    Empty,
    Text,
    Number,
    Date,
    DateTime,
    Status,
}

/// <summary>What a marking point shows in a matrix cell. Always written as its words, with a fill as well.</summary>
public enum ExportStatus
{
    NoEvidence,
    Claimed,
    NotYetMet,
    Met,
}

public static class ExportStatusExtensions
{
    public static string Label(this ExportStatus status) => status switch
    {
        ExportStatus.Met => "Met",
        ExportStatus.NotYetMet => "Not yet met",
        ExportStatus.Claimed => "Claimed",
        _ => "No evidence",
    };

    /// <summary>Fill colour as RRGGBB; light enough for black text to keep a contrast above 7:1.</summary>
    public static string FillRgb(this ExportStatus status) => status switch
    {
        ExportStatus.Met => "C6EFCE",
        ExportStatus.NotYetMet => "FCD5B4",
        ExportStatus.Claimed => "FFEB9C",
        _ => "D9D9D9",
    };
}

/// <summary>One typed cell of an export row. Converts implicitly from text, numbers, dates and statuses.</summary>
public readonly record struct ExportValue
{
    public const string DateFormat = "dd/mm/yyyy";
    public const string DateTimeFormat = "dd/mm/yyyy hh:mm";

    private ExportValue(ExportValueKind kind, string? text = null, double number = 0, DateTime date = default, ExportStatus status = default)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Date = date;
        Status = status;
    }

    public ExportValueKind Kind { get; }
    public string? Text { get; }
    public double Number { get; }
    public DateTime Date { get; }
    public ExportStatus Status { get; }

    public static ExportValue Empty => default;

    public static ExportValue FromText(string? text) => text is null ? Empty : new(ExportValueKind.Text, text);

    /// <summary>NaN and infinities have no cell form; they are written as an empty cell.</summary>
    public static ExportValue FromNumber(double number) =>
        double.IsFinite(number) ? new(ExportValueKind.Number, number: number) : Empty;

    public static ExportValue FromDate(DateOnly date) => new(ExportValueKind.Date, date: date.ToDateTime(TimeOnly.MinValue));

    /// <summary>Written as given: convert UTC times to UK local time before exporting them.</summary>
    public static ExportValue FromDateTime(DateTime dateTime) => new(ExportValueKind.DateTime, date: dateTime);

    public static ExportValue FromStatus(ExportStatus status) => new(ExportValueKind.Status, status: status);

    public static implicit operator ExportValue(string? text) => FromText(text);
    public static implicit operator ExportValue(double number) => FromNumber(number);
    public static implicit operator ExportValue(int number) => FromNumber(number);
    public static implicit operator ExportValue(DateOnly date) => FromDate(date);
    public static implicit operator ExportValue(DateTime dateTime) => FromDateTime(dateTime);
    public static implicit operator ExportValue(ExportStatus status) => FromStatus(status);

    /// <summary>Roughly what the cell shows, in characters; sizes the column.</summary>
    public int DisplayLength => Kind switch
    {
        ExportValueKind.Text => LongestLine(Text!),
        ExportValueKind.Number => Number.ToString("G15", CultureInfo.InvariantCulture).Length,
        ExportValueKind.Date => DateFormat.Length,
        ExportValueKind.DateTime => DateTimeFormat.Length,
        ExportValueKind.Status => Status.Label().Length,
        _ => 0,
    };

    private static int LongestLine(string text)
    {
        var longest = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            longest = Math.Max(longest, line.Length);
        }
        return longest;
    }
}
