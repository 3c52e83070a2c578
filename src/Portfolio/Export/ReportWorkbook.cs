using ClosedXML.Excel;

namespace Portfolio.Export;

/// <summary>
/// A formatted workbook built with ClosedXML: title, bold frozen header, autofilter, status fills, dates,
/// column widths from the text, and a landscape print set-up. Holds the whole workbook in memory, so it
/// suits reports up to some thousands of rows; use <see cref="StreamingWorkbook"/> beyond that.
/// </summary>
public sealed class ReportWorkbook : IDisposable
{
    private const string HeaderFillRgb = "D9E1F2";
    private readonly XLWorkbook _workbook = new();
    private readonly SheetNames _names = new();

    public void AddSheet(ExportSheet sheet, IEnumerable<IReadOnlyList<ExportValue>> rows)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = sheet.Columns.Count;
        if (columns == 0)
        {
            throw new ArgumentException("A sheet needs at least one column.", nameof(sheet));
        }
        var ws = _workbook.AddWorksheet(_names.Claim(sheet.Name));
        var headerRow = sheet.HeaderRow;
        var longest = new int[columns];

        if (sheet.Title is not null)
        {
            var title = ws.Cell(1, 1);
            title.SetValue(CellText.Safe(sheet.Title));
            title.Style.Font.Bold = true;
            title.Style.Font.FontSize = 14;
        }
        for (var c = 0; c < columns; c++)
        {
            var header = CellText.Safe(sheet.Columns[c].Header);
            ws.Cell(headerRow, c + 1).SetValue(header);
            longest[c] = header.Length;
        }
        var headerStyle = ws.Range(headerRow, 1, headerRow, columns).Style;
        headerStyle.Font.Bold = true;
        headerStyle.Fill.BackgroundColor = XLColor.FromHtml("#" + HeaderFillRgb);

        var row = headerRow;
        foreach (var values in rows)
        {
            row++;
            if (values.Count > columns)
            {
                throw new ArgumentException($"Row {row} has {values.Count} values for {columns} columns.", nameof(rows));
            }
            for (var c = 0; c < values.Count; c++)
            {
                Write(ws.Cell(row, c + 1), values[c]);
                longest[c] = Math.Max(longest[c], values[c].DisplayLength);
            }
        }

        for (var c = 0; c < columns; c++)
        {
            var column = ws.Column(c + 1);
            column.Width = sheet.Columns[c].Width ?? ColumnWidth.ForLength(longest[c]);
            if (longest[c] + 2 > column.Width && row > headerRow)
            {
                // Long feedback wraps inside its clamped column instead of running across the page.
                var data = ws.Range(headerRow + 1, c + 1, row, c + 1).Style.Alignment;
                data.WrapText = true;
                data.Vertical = XLAlignmentVerticalValues.Top;
            }
        }
        ws.SheetView.FreezeRows(headerRow);
        ws.Range(headerRow, 1, row, columns).SetAutoFilter();
        SetUpPrinting(ws, sheet, headerRow);
    }

    public void SaveTo(Stream stream) => _workbook.SaveAs(stream);

    public void Dispose() => _workbook.Dispose();

    private static void Write(IXLCell cell, ExportValue value)
    {
        switch (value.Kind)
        {
            case ExportValueKind.Text:
                // SetValue<string> keeps the cell a string (never a formula, never parsed as a number).
                cell.SetValue(CellText.Safe(value.Text));
                break;
            case ExportValueKind.Number:
                cell.SetValue(value.Number);
                break;
            case ExportValueKind.Date:
                cell.SetValue(value.Date);
                cell.Style.DateFormat.Format = ExportValue.DateFormat;
                break;
            case ExportValueKind.DateTime:
                cell.SetValue(value.Date);
                cell.Style.DateFormat.Format = ExportValue.DateTimeFormat;
                break;
            case ExportValueKind.Status:
                cell.SetValue(value.Status.Label());
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#" + value.Status.FillRgb());
                break;
            default:
                break;
        }
    }

    private static void SetUpPrinting(IXLWorksheet ws, ExportSheet sheet, int headerRow)
    {
        var page = ws.PageSetup;
        page.PageOrientation = XLPageOrientation.Landscape;
        page.PaperSize = XLPaperSize.A4Paper;
        page.FitToPages(1, 0);
        page.SetRowsToRepeatAtTop(1, headerRow);
        page.Header.Center.AddText(HeaderFooterText.Escape(sheet.Title ?? sheet.Name));
        page.Footer.Right.AddText("Page ");
        page.Footer.Right.AddText(XLHFPredefinedText.PageNumber);
        page.Footer.Right.AddText(" of ");
        page.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages);
    }
}

/// <summary>Text for a printed page header or footer, where &amp; starts a code (&amp;P is the page number).</summary>
public static class HeaderFooterText
{
    private const int MaxLength = 100;

    public static string Escape(string? text)
    {
        var safe = CellText.Safe(text).ReplaceLineEndings(" ");
        if (safe.Length > MaxLength)
        {
            safe = safe[..MaxLength];
        }
        return safe.Replace("&", "&&", StringComparison.Ordinal);
    }
}
