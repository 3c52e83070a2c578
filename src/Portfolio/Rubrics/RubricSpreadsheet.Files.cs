using System.IO.Compression;
using System.Xml;
using ClosedXML.Excel;
using Portfolio.Text;

namespace Portfolio.Rubrics;

/// <summary>The sheets of an uploaded spreadsheet, or why they could not be read.</summary>
public sealed record SpreadsheetRead(IReadOnlyList<SheetRow>? Points, IReadOnlyList<SheetRow>? Qualification,
    IReadOnlyList<RubricProblem> Problems);

// Reading an uploaded .csv or .xlsx into rows: bounded before anything is unpacked in memory.
public static partial class RubricSpreadsheet
{
    // What the sheets of a workbook may unpack to; a rubric of MaxRows points is far smaller.
    const long MaximumUnpackedBytes = 40L * 1024 * 1024;

    public static bool IsSpreadsheet(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".csv" or ".xlsx";

    public static SpreadsheetRead ReadFile(Stream content, string fileName)
    {
        if (Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            // Excel's plain "CSV" is a Windows code page: read as UTF-8 its quotes and pound signs would be garbled.
            using var bytes = new MemoryStream();
            content.CopyTo(bytes);
            var problems = new List<RubricProblem>();
            return RubricSource.Utf8Text(bytes.ToArray(), fileName,
                "the file is not text in UTF-8: save it from your spreadsheet as CSV UTF-8", problems) is { } text
                ? new(Csv.Records(text).Select(r => new SheetRow(r.Line, r.Fields)).ToList(), null, [])
                : new(null, null, problems);
        }
        if (TooLarge(content, fileName) is { } refusal)
        {
            return new(null, null, [refusal]);
        }
        content.Position = 0;
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(content);
        }
        catch (Exception)
        {
            // ClosedXML and the Open XML SDK throw many kinds of exception for a damaged file; all mean the same.
            return new(null, null, [new(fileName, 0, "the file is not an Excel workbook (.xlsx) that can be read")]);
        }
        using (workbook)
        {
            var problems = new List<RubricProblem>();
            var points = workbook.Worksheets.FirstOrDefault(w => w.Name == PointsSheet) ?? workbook.Worksheet(1);
            var qualification = workbook.Worksheets.FirstOrDefault(w => w.Name == QualificationSheet);
            var pointRows = Rows(points, fileName, problems);
            var qualificationRows = qualification is null ? null : Rows(qualification, fileName, problems);
            return new(pointRows, qualificationRows, problems);
        }
    }

    static List<SheetRow> Rows(IXLWorksheet sheet, string fileName, List<RubricProblem> problems)
    {
        foreach (var merged in sheet.MergedRanges)
        {
            problems.Add(new($"{fileName} ({sheet.Name})", merged.FirstRow().RowNumber(),
                $"cells {merged.RangeAddress.ToStringRelative()} are merged: give every row its own values"));
        }
        var rows = new List<SheetRow>();
        var last = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        var header = sheet.FirstRowUsed();
        // A column is named as its header names it, as every other problem in the sheet names it.
        string Column(IXLCell cell) => header?.Cell(cell.Address.ColumnNumber) is { HasFormula: false } h
            && h.GetString().Trim() is { Length: > 0 } name ? $"'{name}'" : cell.Address.ColumnLetter;
        foreach (var row in sheet.RowsUsed())
        {
            var cells = new List<string>();
            for (var c = 1; c <= last; c++)
            {
                var cell = row.Cell(c);
                if (cell.HasFormula)
                {
                    problems.Add(new($"{fileName} ({sheet.Name})", row.RowNumber(), $"column {Column(cell)}: cell "
                        + $"{cell.Address.ToStringRelative()} is a formula: type its value instead"));
                }
                cells.Add(cell.HasFormula ? "" : cell.GetString());
            }
            rows.Add(new SheetRow(row.RowNumber(), cells));
        }
        return rows;
    }

    // A workbook is a zip: its sheets are counted, row by row, without unpacking them into memory.
    static RubricProblem? TooLarge(Stream content, string fileName)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Sum(e => e.Length) > MaximumUnpackedBytes)
            {
                return new(fileName, 0, "the workbook unpacks to more than 40 MB: a rubric is far smaller");
            }
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
            var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            foreach (var sheet in sheets)
            {
                using var xml = XmlReader.Create(sheet.Open(), settings);
                var rows = 0;
                while (xml.Read())
                {
                    if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row" && ++rows > MaxRows + 100)
                    {
                        return new(fileName, 0, $"a sheet has more than {MaxRows:N0} rows: a rubric may have at most "
                            + $"{MaxRows:N0} marking points");
                    }
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException)
        {
            return new(fileName, 0, "the file is not an Excel workbook (.xlsx) that can be read");
        }
    }
}
