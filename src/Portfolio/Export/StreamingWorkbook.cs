using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using CellTextElement = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Portfolio.Export;

/// <summary>
/// Writes a workbook row by row with <see cref="OpenXmlWriter"/>, holding no sheet in memory: for exports too
/// big for <see cref="ReportWorkbook"/>. Same layout (title, frozen bold header, autofilter, status fills,
/// dates, landscape print set-up); column widths come from <see cref="ExportColumn.Width"/> because the
/// rows are gone by the time the longest text is known.
/// </summary>
/// <remarks>
/// Why not <c>SpreadsheetDocument.Create(stream)</c>: on .NET it opens the zip in update mode, which keeps
/// every part in memory until the end (dotnet/Open-XML-SDK#807). So this writes the package itself with a
/// <see cref="ZipArchive"/> in create mode, one part after another, each straight into the output; that
/// also works on a stream that cannot seek, such as an HTTP response body.
/// Text is written as inline strings, not shared strings: a shared-string table must hold every distinct
/// text until the end (unbounded), or a bounded cache that still writes duplicates. Zip compression already
/// squeezes out the repetition, and the sheet stays a single pass.
/// </remarks>
public sealed class StreamingWorkbook : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";
    private const double DefaultWidth = 15;
    // The file stores a width with the cell padding (5 px of a 7 px Calibri digit) added, as Excel and ClosedXML do,
    // so a width means the same number of characters in both writers.
    private const double WidthPadding = 0.710625;

    private readonly ZipArchive _zip;
    private readonly SheetNames _names = new();
    private readonly List<WrittenSheet> _sheets = [];
    private bool _finished;

    /// <param name="output">Left open; it need not be seekable.</param>
    public StreamingWorkbook(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>Writes one sheet, enumerating <paramref name="rows"/> once as it goes. Returns the number of data rows.</summary>
    public int AddSheet(ExportSheet sheet, IEnumerable<IReadOnlyList<ExportValue>> rows)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_finished, this);
        if (sheet.Columns.Count == 0)
        {
            throw new ArgumentException("A sheet needs at least one column.", nameof(sheet));
        }
        var name = _names.Claim(sheet.Name);
        var number = _sheets.Count + 1;
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{number}.xml", CompressionLevel.Fastest);
        int lastRow;
        using (var stream = entry.Open())
        using (var writer = OpenXmlWriter.Create(stream, Encoding.UTF8))
        {
            lastRow = new SheetWriter(writer, sheet, number == 1).Write(rows);
        }
        _sheets.Add(new WrittenSheet(name, sheet, lastRow));
        return lastRow - sheet.HeaderRow;
    }

    /// <summary>Writes the workbook, styles and package parts and closes the zip. Dispose does this too.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        if (_sheets.Count == 0)
        {
            throw new InvalidOperationException("A workbook needs at least one sheet.");
        }
        WriteElement("xl/workbook.xml", BuildWorkbook());
        WriteElement("xl/styles.xml", Styles.Build());
        WritePackageParts();
        _zip.Dispose();
    }

    public void Dispose()
    {
        if (!_finished && _sheets.Count > 0)
        {
            Finish();
        }
        _finished = true;
        _zip.Dispose();
    }

    private Workbook BuildWorkbook()
    {
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var s = _sheets[i];
            sheets.Append(new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" });
            var quoted = "'" + s.Name.Replace("'", "''", StringComparison.Ordinal) + "'";
            var lastColumn = ColumnName(s.Sheet.Columns.Count);
            names.Append(new DefinedName($"{quoted}!$A${s.Sheet.HeaderRow}:${lastColumn}${s.LastRow}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = (uint)i,
                Hidden = true,
            });
            names.Append(new DefinedName($"{quoted}!$1:${s.Sheet.HeaderRow}")
            {
                Name = "_xlnm.Print_Titles",
                LocalSheetId = (uint)i,
            });
        }
        var workbook = new Workbook(new BookViews(new WorkbookView()), sheets, names);
        workbook.AddNamespaceDeclaration("r", RelNs);
        return workbook;
    }

    private void WriteElement(string path, OpenXmlElement element)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream, Encoding.UTF8);
        writer.WriteStartDocument();
        writer.WriteElement(element);
    }

    private void WritePackageParts()
    {
        WriteXml("[Content_Types].xml", x =>
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            x.WriteStartElement("Types", ns);
            Default(x, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(x, ns, "xml", "application/xml");
            Override(x, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(x, ns, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                Override(x, ns, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }
            x.WriteEndElement();
        });
        WriteXml("_rels/.rels", x =>
        {
            Relationships(x, [("rId1", "officeDocument", "xl/workbook.xml")]);
        });
        WriteXml("xl/_rels/workbook.xml.rels", x =>
        {
            var rels = _sheets.Select((_, i) => ($"rId{i + 1}", "worksheet", $"worksheets/sheet{i + 1}.xml")).ToList();
            rels.Add(($"rId{_sheets.Count + 1}", "styles", "styles.xml"));
            Relationships(x, rels);
        });

        static void Default(XmlWriter x, string ns, string extension, string type)
        {
            x.WriteStartElement("Default", ns);
            x.WriteAttributeString("Extension", extension);
            x.WriteAttributeString("ContentType", type);
            x.WriteEndElement();
        }

        static void Override(XmlWriter x, string ns, string part, string type)
        {
            x.WriteStartElement("Override", ns);
            x.WriteAttributeString("PartName", part);
            x.WriteAttributeString("ContentType", type);
            x.WriteEndElement();
        }

        static void Relationships(XmlWriter x, IEnumerable<(string Id, string Type, string Target)> rels)
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
            x.WriteStartElement("Relationships", ns);
            foreach (var (id, type, target) in rels)
            {
                x.WriteStartElement("Relationship", ns);
                x.WriteAttributeString("Id", id);
                x.WriteAttributeString("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type);
                x.WriteAttributeString("Target", target);
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }
    }

    private void WriteXml(string path, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var x = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        x.WriteStartDocument(true);
        write(x);
        x.WriteEndDocument();
    }

    /// <summary>A1-style column letters: 1 → A, 27 → AA.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }
        return name;
    }

    private sealed record WrittenSheet(string Name, ExportSheet Sheet, int LastRow);

    /// <summary>Writes one worksheet part in schema order; the rows pass through one at a time.</summary>
    private sealed class SheetWriter(OpenXmlWriter writer, ExportSheet sheet, bool selected)
    {
        // Elements are only used for their names here, so one instance of each serves every cell.
        private readonly Cell _cell = new();
        private readonly Row _row = new();
        private readonly CellValue _value = new();
        private readonly InlineString _inline = new();
        private readonly CellTextElement _text = new();
        private readonly List<OpenXmlAttribute> _attributes = new(3);
        private readonly string[] _columnNames = Enumerable.Range(1, sheet.Columns.Count).Select(ColumnName).ToArray();

        public int Write(IEnumerable<IReadOnlyList<ExportValue>> rows)
        {
            var headerRow = sheet.HeaderRow;
            writer.WriteStartDocument();
            writer.WriteStartElement(new Worksheet(), [], [new("r", RelNs)]);
            writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane
                {
                    VerticalSplit = headerRow,
                    TopLeftCell = $"A{headerRow + 1}",
                    ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen,
                },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{headerRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{headerRow + 1}" } })
            {
                TabSelected = selected,
                WorkbookViewId = 0,
            }));
            writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
            var cols = new Columns();
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                var column = sheet.Columns[c];
                var width = column.Width ?? Math.Max(DefaultWidth, ColumnWidth.ForLength(CellText.Safe(column.Header).Length));
                cols.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = width + WidthPadding, CustomWidth = true });
            }
            writer.WriteElement(cols);

            writer.WriteStartElement(new SheetData());
            if (sheet.Title is not null)
            {
                StartRow(1);
                WriteText(0, sheet.Title, Styles.Title);
                writer.WriteEndElement();
            }
            StartRow(headerRow);
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                WriteText(c, sheet.Columns[c].Header, Styles.Header);
            }
            writer.WriteEndElement();

            var rowNumber = headerRow;
            foreach (var values in rows)
            {
                rowNumber++;
                if (values.Count > _columnNames.Length)
                {
                    throw new ArgumentException($"Row {rowNumber} has {values.Count} values for {_columnNames.Length} columns.", nameof(rows));
                }
                StartRow(rowNumber);
                for (var c = 0; c < values.Count; c++)
                {
                    WriteValue(c, values[c]);
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement(); // sheetData

            writer.WriteElement(new AutoFilter { Reference = $"A{headerRow}:{_columnNames[^1]}{rowNumber}" });
            writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
            writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            writer.WriteElement(new HeaderFooter(
                new OddHeader("&C" + HeaderFooterText.Escape(sheet.Title ?? sheet.Name)),
                new OddFooter("&RPage &P of &N")));
            writer.WriteEndElement(); // worksheet
            return rowNumber;
        }

        private void StartRow(int number)
        {
            _attributes.Clear();
            _attributes.Add(new("r", "", number.ToString(CultureInfo.InvariantCulture)));
            writer.WriteStartElement(_row, _attributes);
            _rowText = _attributes[0].Value!;
        }

        private string _rowText = "";

        private void WriteValue(int column, ExportValue value)
        {
            switch (value.Kind)
            {
                case ExportValueKind.Text:
                    WriteText(column, value.Text, 0);
                    break;
                case ExportValueKind.Number:
                    WriteNumber(column, value.Number.ToString("R", CultureInfo.InvariantCulture), 0);
                    break;
                case ExportValueKind.Date:
                    WriteNumber(column, value.Date.ToOADate().ToString("R", CultureInfo.InvariantCulture), Styles.Date);
                    break;
                case ExportValueKind.DateTime:
                    WriteNumber(column, value.Date.ToOADate().ToString("R", CultureInfo.InvariantCulture), Styles.DateTime);
                    break;
                case ExportValueKind.Status:
                    WriteText(column, value.Status.Label(), Styles.For(value.Status));
                    break;
                default:
                    break; // an empty cell is simply not written
            }
        }

        private void StartCell(int column, string? type, uint style)
        {
            _attributes.Clear();
            _attributes.Add(new("r", "", _columnNames[column] + _rowText));
            if (style != 0)
            {
                _attributes.Add(new("s", "", style.ToString(CultureInfo.InvariantCulture)));
            }
            if (type is not null)
            {
                _attributes.Add(new("t", "", type));
            }
            writer.WriteStartElement(_cell, _attributes);
        }

        private void WriteNumber(int column, string number, uint style)
        {
            StartCell(column, null, style);
            writer.WriteStartElement(_value);
            writer.WriteString(number);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private void WriteText(int column, string? text, uint style)
        {
            var safe = CellText.Safe(text);
            StartCell(column, "inlineStr", style);
            writer.WriteStartElement(_inline);
            _attributes.Clear();
            if (safe.Length > 0 && (char.IsWhiteSpace(safe[0]) || char.IsWhiteSpace(safe[^1])))
            {
                _attributes.Add(new("xml", "space", XmlNs, "preserve"));
            }
            writer.WriteStartElement(_text, _attributes);
            writer.WriteString(safe);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    /// <summary>The styles part: a handful of cell formats, indexed by the constants below.</summary>
    private static class Styles
    {
        public const uint Title = 1;
        public const uint Header = 2;
        public const uint Date = 3;
        public const uint DateTime = 4;
        private const uint FirstStatus = 5; // then one per ExportStatus value, in enum order

        private static readonly ExportStatus[] Statuses = Enum.GetValues<ExportStatus>();

        public static uint For(ExportStatus status) => FirstStatus + (uint)Array.IndexOf(Statuses, status);

        public static Stylesheet Build()
        {
            var fills = new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                SolidFill("D9E1F2"));
            foreach (var status in Statuses)
            {
                fills.Append(SolidFill(status.FillRgb()));
            }
            var formats = new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, NumberFormatId = 0 },
                new CellFormat { FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, NumberFormatId = 0, ApplyFont = true },
                new CellFormat { FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, NumberFormatId = 0, ApplyFont = true, ApplyFill = true },
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, NumberFormatId = 165, ApplyNumberFormat = true });
            for (var i = 0; i < Statuses.Length; i++)
            {
                formats.Append(new CellFormat { FontId = 0, FillId = (uint)(3 + i), BorderId = 0, FormatId = 0, NumberFormatId = 0, ApplyFill = true });
            }
            return new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 164, FormatCode = ExportValue.DateFormat },
                    new NumberingFormat { NumberFormatId = 165, FormatCode = ExportValue.DateTimeFormat }),
                new Fonts(Font(bold: false, 11), Font(bold: true, 11), Font(bold: true, 14)),
                fills,
                new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())),
                new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }),
                formats,
                new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
        }

        private static Font Font(bool bold, double size)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }
            font.Append(new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
            return font;
        }

        private static Fill SolidFill(string rgb) => new(new PatternFill(
            new ForegroundColor { Rgb = "FF" + rgb },
            new BackgroundColor { Indexed = 64 })
        { PatternType = PatternValues.Solid });
    }
}
