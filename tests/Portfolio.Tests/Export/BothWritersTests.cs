using ClosedXML.Excel;
using Portfolio.Export;

namespace Portfolio.Tests.Export;

/// <summary>What every export shows, whichever writer made it.</summary>
public sealed class BothWritersTests
{
    public static TheoryData<string> Writers => new("formatted report", "streaming");

    private static MemoryStream Write(string writer, ExportSheet sheet, IEnumerable<IReadOnlyList<ExportValue>> rows) =>
        writer == "streaming" ? WorkbookCheck.Streamed(sheet, rows) : WorkbookCheck.Report(sheet, rows);

    private static readonly ExportSheet Matrix = new("Jo Bloggs", "Evidence matrix: Jo Bloggs",
        [new ExportColumn("Marking point"), new ExportColumn("Evidence"), new ExportColumn("Judged on"), new ExportColumn("Score"), new ExportColumn("Status")]);

    private static readonly ExportValue[][] MatrixRows =
    [
        ["1.1", "Action plan for client A", new DateOnly(2026, 11, 2), 3, ExportStatus.Met],
        ["1.2", "Reflective account", new DateOnly(2026, 11, 9), 1.5, ExportStatus.NotYetMet],
        ["1.3", "Progress review", ExportValue.Empty, ExportValue.Empty, ExportStatus.Claimed],
        ["1.4", ExportValue.Empty, ExportValue.Empty, ExportValue.Empty, ExportStatus.NoEvidence],
    ];

    [Theory]
    [MemberData(nameof(Writers))]
    public void The_title_header_and_typed_values_come_back(string writer)
    {
        using var stream = Write(writer, Matrix, MatrixRows);

        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet("Jo Bloggs");
        Assert.Equal("Evidence matrix: Jo Bloggs", sheet.Cell("A1").GetString());
        Assert.Equal(["Marking point", "Evidence", "Judged on", "Score", "Status"], sheet.Row(2).Cells(1, 5).Select(c => c.GetString()));
        Assert.Equal("Action plan for client A", sheet.Cell("B3").GetString());
        Assert.Equal(new DateTime(2026, 11, 2), sheet.Cell("C3").GetDateTime());
        Assert.Equal(1.5, sheet.Cell("D4").GetDouble());
        Assert.Equal(["Met", "Not yet met", "Claimed", "No evidence"], sheet.Column(5).Cells(3, 6).Select(c => c.GetString()));
        Assert.True(sheet.Cell("C5").IsEmpty());
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void The_header_is_bold_frozen_and_filtered_over_the_data(string writer)
    {
        using var stream = Write(writer, Matrix, MatrixRows);

        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet(1);
        Assert.True(sheet.Cell("A2").Style.Font.Bold);
        Assert.Equal(2, sheet.SheetView.SplitRow);
        Assert.Equal("A2:E6", sheet.AutoFilter.Range.RangeAddress.ToString());
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Statuses_are_filled_in_their_colours_and_keep_their_words(string writer)
    {
        using var stream = Write(writer, Matrix, MatrixRows);

        using var book = WorkbookCheck.Open(stream);
        var fills = book.Worksheet(1).Column(5).Cells(3, 6).Select(c => c.Style.Fill.BackgroundColor.Color.ToArgb() & 0xFFFFFF);
        Assert.Equal([0xC6EFCE, 0xFCD5B4, 0xFFEB9C, 0xD9D9D9], fills);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Pages_print_landscape_one_page_wide_with_the_header_repeated(string writer)
    {
        using var stream = Write(writer, Matrix, MatrixRows);

        using var book = WorkbookCheck.Open(stream);
        var page = book.Worksheet(1).PageSetup;
        Assert.Equal(XLPageOrientation.Landscape, page.PageOrientation);
        Assert.Equal(1, page.PagesWide);
        Assert.Equal(1, page.FirstRowToRepeatAtTop);
        Assert.Equal(2, page.LastRowToRepeatAtTop);
        Assert.Contains("Evidence matrix: Jo Bloggs", page.Header.Center.GetText(XLHFOccurrence.OddPages));
        Assert.Contains("&P", page.Footer.Right.GetText(XLHFOccurrence.OddPages));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Formula_injection_payloads_come_back_as_plain_text(string writer)
    {
        var rows = WorkbookCheck.InjectionPayloads.Select(p => new ExportValue[] { p, "ok" });

        using var stream = Write(writer, new ExportSheet("=cmd|' /C calc'!A0", "=1+1", [new ExportColumn("@SUM(1)"), new ExportColumn("Note")]), rows);

        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet(1);
        WorkbookCheck.AssertNoFormulas(sheet);
        Assert.Equal("'=1+1", sheet.Cell("A1").GetString());
        Assert.Equal("'@SUM(1)", sheet.Cell("A2").GetString());
        // XML writers turn a lone CR into LF on the way; the text stays neutralised all the same.
        Assert.Equal(WorkbookCheck.InjectionPayloads.Select(p => "'" + p.Replace('\r', '\n')), sheet.Column(1).Cells(3, 2 + WorkbookCheck.InjectionPayloads.Length).Select(c => c.GetString()));
        Assert.All(sheet.Column(1).Cells(3, 10), c => Assert.Equal(XLDataType.Text, c.DataType));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Text_with_control_characters_still_makes_a_valid_workbook(string writer)
    {
        using var stream = Write(writer, WorkbookCheck.Sheet(1, title: "Title\u0001"), [["bell\u0007 and NUL\u0000 gone"]]);

        using var book = WorkbookCheck.Open(stream);
        Assert.Equal("bell and NUL gone", book.Worksheet(1).Cell("A3").GetString());
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_sheet_without_a_title_starts_with_its_header(string writer)
    {
        using var stream = Write(writer, WorkbookCheck.Sheet(3, title: null), WorkbookCheck.Rows(5, 3));

        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet(1);
        Assert.Equal("Column 1", sheet.Cell("A1").GetString());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal("A1:C6", sheet.AutoFilter.Range.RangeAddress.ToString());
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_sheet_with_no_rows_is_still_valid(string writer)
    {
        using var stream = Write(writer, WorkbookCheck.Sheet(4), []);

        using var book = WorkbookCheck.Open(stream);
        Assert.Equal("Column 4", book.Worksheet(1).Cell("D2").GetString());
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Fifty_rows_of_twenty_mixed_columns_validate_and_hold_no_formula(string writer)
    {
        using var stream = Write(writer, WorkbookCheck.Sheet(20), WorkbookCheck.Rows(50, 20));

        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet(1);
        WorkbookCheck.AssertNoFormulas(sheet);
        Assert.Equal(52, sheet.LastRowUsed().RowNumber());
        Assert.Equal("Feedback 50.20: the plan names who does what by when", sheet.Cell(52, 20).GetString());
    }

    [Fact]
    public void A_medium_streamed_sheet_of_300_rows_by_150_columns_validates()
    {
        using var stream = WorkbookCheck.Streamed(WorkbookCheck.Sheet(150), WorkbookCheck.Rows(300, 150));

        using var book = WorkbookCheck.Open(stream);
        Assert.Equal(302, book.Worksheet(1).LastRowUsed().RowNumber());
    }
}
