using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Portfolio.Export;

namespace Portfolio.Tests.Export;

/// <summary>Checks every produced workbook with the Open XML SDK validator, then reads it back with ClosedXML.</summary>
public static class WorkbookCheck
{
    public static readonly string[] InjectionPayloads =
    [
        "=1+1", "+SUM(A1)", "-2+3", "@SUM(1)", "=HYPERLINK(\"http://x\",\"y\")", "\t=1", "\r=1", "\n=1",
    ];

    public static void AssertValid(Stream workbook)
    {
        workbook.Position = 0;
        using (var document = SpreadsheetDocument.Open(workbook, false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e =>
                $"{e.ErrorType} in {e.Part?.Uri} at {e.Path?.XPath}: {e.Description}")));
        }
        workbook.Position = 0;
    }

    /// <summary>Validates, then opens with ClosedXML.</summary>
    public static XLWorkbook Open(Stream workbook)
    {
        AssertValid(workbook);
        return new XLWorkbook(workbook);
    }

    public static void AssertNoFormulas(IXLWorksheet sheet) =>
        Assert.DoesNotContain(sheet.CellsUsed(), c => c.HasFormula);

    public static MemoryStream Report(ExportSheet sheet, IEnumerable<IReadOnlyList<ExportValue>> rows)
    {
        var stream = new MemoryStream();
        using var report = new ReportWorkbook();
        report.AddSheet(sheet, rows);
        report.SaveTo(stream);
        return stream;
    }

    public static MemoryStream Streamed(ExportSheet sheet, IEnumerable<IReadOnlyList<ExportValue>> rows)
    {
        var stream = new MemoryStream();
        using (var book = new StreamingWorkbook(stream))
        {
            book.AddSheet(sheet, rows);
        }
        return stream;
    }

    public static ExportSheet Sheet(int columns, string? title = "Evidence matrix") =>
        new("Matrix", title, Enumerable.Range(1, columns).Select(c => new ExportColumn($"Column {c}")).ToList());

    /// <summary>A mix of every kind of value, <paramref name="columns"/> wide.</summary>
    public static IEnumerable<ExportValue[]> Rows(int rows, int columns) =>
        Enumerable.Range(1, rows).Select(r => Enumerable.Range(1, columns).Select(c => (c % 5) switch
        {
            0 => ExportValue.FromText($"Feedback {r}.{c}: the plan names who does what by when"),
            1 => ExportValue.FromNumber(r * 1000 + c),
            2 => ExportValue.FromDate(new DateOnly(2026, 1, 1).AddDays(r % 365)),
            3 => ExportValue.FromStatus((ExportStatus)(r % 4)),
            _ => ExportValue.FromText(r % 7 == 0 ? WorkbookCheck.InjectionPayloads[r % WorkbookCheck.InjectionPayloads.Length] : $"Item {r}"),
        }).ToArray());
}
