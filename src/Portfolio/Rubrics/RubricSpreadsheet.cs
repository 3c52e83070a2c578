using System.Globalization;
using Portfolio.Export;

namespace Portfolio.Rubrics;

/// <summary>A row of a sheet as read, with its 1-based row number.</summary>
public sealed record SheetRow(int Row, IReadOnlyList<string> Cells);

/// <summary>
/// A rubric as a spreadsheet: one marking point a row (unit, element and point with their titles and text, the
/// evidence kinds, and the element's guidance sections on any of its rows), and the qualification itself as
/// "key, value" rows of a second sheet. Every bad row is reported with its row number and column.
/// </summary>
public static partial class RubricSpreadsheet
{
    public const int MaxRows = 5_000;
    public const string PointsSheet = "Marking points";
    public const string QualificationSheet = "Qualification";

    public static readonly string[] Columns =
    [
        "Unit", "Unit title", "Element", "Element title", "Point", "Point text", "Evidence",
        "Synopsis", "Key concepts", "Guidance", "Common mistakes",
    ];

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>What the template shows: a made-up qualification of one unit, one element and two points.</summary>
    public static Qualification Example { get; } = new("ABC-L3-EXAMPLE", "Certificate in Example Practice", 3,
        "Example awarding body",
        [
            new Unit("1", "Working with clients",
            [
                new Element("1.1", "1", "Agree a plan with a client", "What the element covers, in a sentence or two.",
                    "", "How a candidate gathers good evidence for it.", "",
                [
                    new MarkingPoint("1.1.1", "Agrees with the client what each step is and who takes it",
                        [EvidenceKind.ActionPlan]),
                    new MarkingPoint("1.1.2", "Sets a date to look at the plan again with the client", []),
                ]),
            ]),
        ]);

    static readonly string[] Keys =
        ["Code", "Title", "Level", "Awarding organisation", "Guided learning hours", "Off-the-job minimum hours",
         "Witness required"];

    /// <summary>
    /// Reads the marking point rows (header first) and the qualification's rows; without them the qualification
    /// is <paramref name="fallback"/>'s (a CSV holds only the marking points).
    /// </summary>
    public static RubricLoadResult Read(string file, IReadOnlyList<SheetRow> points,
        IReadOnlyList<SheetRow>? qualification, Qualification? fallback)
    {
        var problems = new List<RubricProblem>();
        void Problem(int row, string column, string message) =>
            problems.Add(new(file, row, $"column '{column}': {message}"));
        var rows = points.Where(r => r.Cells.Any(c => c.Trim().Length > 0)).ToList();
        if (rows.Count == 0)
        {
            return new(null, [new(file, 0, "there are no rows: the first row names the columns "
                + string.Join(", ", Columns))]);
        }
        var header = rows[0].Cells.Select(c => c.Trim()).ToList();
        int At(string column) => header.FindIndex(h => h.Equals(column, StringComparison.OrdinalIgnoreCase));
        foreach (var missing in Columns.Take(6).Where(c => At(c) < 0))
        {
            Problem(rows[0].Row, missing, "the header row has no such column");
        }
        if (problems.Count > 0)
        {
            return new(null, problems);
        }
        if (rows.Count - 1 > MaxRows)
        {
            return new(null, [new(file, 0, $"there are {rows.Count - 1:N0} rows: a rubric may have at most "
                + $"{MaxRows:N0} marking points")]);
        }
        var tree = new Tree(Problem);
        foreach (var row in rows.Skip(1))
        {
            tree.Add(row.Row, column => At(column) is var i && i >= 0 && i < row.Cells.Count
                ? Value(row.Cells[i]) : "");
        }
        var head = qualification is null ? Header(fallback) : ReadQualification(file, qualification, problems);
        if (head is null && problems.Count == 0)
        {
            problems.Add(new(file, 0, "a CSV file holds only the marking points: choose the qualification it is "
                + $"for, or use the workbook template, whose '{QualificationSheet}' sheet names a new one"));
        }
        return problems.Count > 0 || head is null
            ? new(null, problems)
            : new(head with { Units = tree.Units() }, []);
    }

    static Qualification? Header(Qualification? q) => q is null ? null : q with { Units = [] };

    /// <summary>A cell as typed: the apostrophe an export puts before text a spreadsheet could take as a formula
    /// is taken off again.</summary>
    static string Value(string cell) =>
        (cell.Length > 1 && cell[0] == '\'' && CellText.StartsLikeFormula(cell[1]) ? cell[1..] : cell).Trim();

    static Qualification? ReadQualification(string file, IReadOnlyList<SheetRow> rows, List<RubricProblem> problems)
    {
        var values = new Dictionary<string, (int Row, string Value)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Where(r => r.Cells.Count > 0 && r.Cells[0].Trim().Length > 0))
        {
            values[row.Cells[0].Trim()] = (row.Row, row.Cells.Count > 1 ? Value(row.Cells[1]) : "");
        }
        string? Text(string key)
        {
            if (values.TryGetValue(key, out var v) && v.Value.Length > 0)
            {
                return v.Value;
            }
            problems.Add(new($"{file} ({QualificationSheet})", values.TryGetValue(key, out var at) ? at.Row : 0,
                $"'{key}' has no value"));
            return null;
        }
        int? Number(string key, int min, bool required)
        {
            if (!values.TryGetValue(key, out var v) || v.Value.Length == 0)
            {
                return required ? (Text(key) is null ? null : 0) : null;
            }
            if (int.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                && n <= 10_000)
            {
                return n;
            }
            problems.Add(new($"{file} ({QualificationSheet})", v.Row, $"'{key}' must be a whole number from {min} "
                + $"to 10,000 (found '{v.Value}')"));
            return null;
        }
        var (code, title, organisation) = (Text(Keys[0]), Text(Keys[1]), Text(Keys[3]));
        var level = Number(Keys[2], 0, required: true);
        var (glh, otj) = (Number(Keys[4], 1, false), Number(Keys[5], 1, false));
        var witnessed = values.TryGetValue(Keys[6], out var w) && w.Value.Length > 0
            ? RubricLoader.WitnessKinds(
                w.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(entry => (entry, w.Row)),
                (row, problem) => problems.Add(new($"{file} ({QualificationSheet})", row, $"'{Keys[6]}': {problem}")))
            : [];
        return code is null || title is null || organisation is null || level is null
            ? null
            : new Qualification(code, title, level.Value, organisation, [])
            {
                GuidedLearningHours = glh, OffTheJobMinimumHours = otj, WitnessRequired = witnessed,
            };
    }

    /// <summary>The qualification sheet's rows for <paramref name="q"/>.</summary>
    public static IEnumerable<IReadOnlyList<ExportValue>> QualificationRows(Qualification q) =>
    [
        [Keys[0], q.Code], [Keys[1], q.Title], [Keys[2], q.Level], [Keys[3], q.AwardingOrganisation],
        [Keys[4], q.GuidedLearningHours is { } glh ? glh : ExportValue.Empty],
        [Keys[5], q.OffTheJobMinimumHours is { } otj ? otj : ExportValue.Empty],
        [Keys[6], q.WitnessRequired.Count > 0 ? string.Join(", ", q.WitnessRequired.Select(k => k.Key())) : ExportValue.Empty],
    ];

    /// <summary>One row a marking point; an element's guidance sections on its first row only.</summary>
    public static IEnumerable<IReadOnlyList<ExportValue>> PointRows(Qualification q) =>
        from unit in q.Units
        from element in unit.Elements
        from point in element.MarkingPoints.Select((p, i) => (Point: p, First: i == 0))
        select (IReadOnlyList<ExportValue>)
        [
            unit.Id, unit.Title, element.Id, element.Title, point.Point.Id, point.Point.Text,
            string.Join(", ", point.Point.EvidenceKinds.Select(k => k.Key())),
            point.First ? element.Synopsis : "", point.First ? element.KeyConcepts : "",
            point.First ? element.Guidance : "", point.First ? element.CommonMistakes : "",
        ];

    /// <summary>The workbook: the marking points sheet and the qualification sheet.</summary>
    public static void Write(Qualification q, Stream destination)
    {
        using var workbook = new ReportWorkbook();
        workbook.AddSheet(new ExportSheet(PointsSheet, null, Columns.Select(c => new ExportColumn(c)).ToList()),
            PointRows(q));
        workbook.AddSheet(new ExportSheet(QualificationSheet, null, [new("Key"), new("Value")]), QualificationRows(q));
        workbook.SaveTo(destination);
    }
}
