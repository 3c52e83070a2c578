using Portfolio.Export;

namespace Portfolio.Tests.Export;

public sealed class ReportWorkbookTests
{
    [Fact]
    public void Column_widths_follow_the_longest_text_within_limits()
    {
        var sheet = new ExportSheet("Widths", null, [new ExportColumn("Id"), new ExportColumn("Evidence"), new ExportColumn("Feedback")]);
        ExportValue[][] rows = [["1", "Twenty characters ab", new string('x', 500)]];

        using var stream = WorkbookCheck.Report(sheet, rows);

        using var book = WorkbookCheck.Open(stream);
        var ws = book.Worksheet(1);
        Assert.Equal([ColumnWidth.Min, 22, ColumnWidth.Max], new[] { ws.Column(1).Width, ws.Column(2).Width, ws.Column(3).Width });
    }

    [Fact]
    public void Text_too_long_for_its_column_wraps()
    {
        using var stream = WorkbookCheck.Report(WorkbookCheck.Sheet(1), [[new string('x', 200)]]);

        using var book = WorkbookCheck.Open(stream);
        Assert.True(book.Worksheet(1).Cell("A3").Style.Alignment.WrapText);
    }

    [Fact]
    public void A_width_given_for_a_column_is_kept()
    {
        var sheet = new ExportSheet("Widths", null, [new ExportColumn("Notes", Width: 33)]);

        using var stream = WorkbookCheck.Report(sheet, [["short"]]);

        using var book = WorkbookCheck.Open(stream);
        Assert.Equal(33, book.Worksheet(1).Column(1).Width);
    }

    [Fact]
    public void A_row_wider_than_the_columns_is_refused()
    {
        using var report = new ReportWorkbook();

        Assert.Throws<ArgumentException>(() => report.AddSheet(WorkbookCheck.Sheet(1), [["a", "b"]]));
    }
}
