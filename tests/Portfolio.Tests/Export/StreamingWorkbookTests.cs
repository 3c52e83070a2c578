using Portfolio.Export;

namespace Portfolio.Tests.Export;

public sealed class StreamingWorkbookTests
{
    [Fact]
    public void Several_sheets_are_written_one_after_another_with_their_own_filters()
    {
        using var stream = new MemoryStream();
        using (var book = new StreamingWorkbook(stream))
        {
            book.AddSheet(WorkbookCheck.Sheet(3), WorkbookCheck.Rows(4, 3));
            book.AddSheet(WorkbookCheck.Sheet(2, title: null), WorkbookCheck.Rows(6, 2));
        }

        using var read = WorkbookCheck.Open(stream);
        Assert.Equal(["Matrix", "Matrix (2)"], read.Worksheets.Select(w => w.Name));
        Assert.Equal("A2:C6", read.Worksheet(1).AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal("A1:B7", read.Worksheet(2).AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public void Column_widths_are_the_ones_given_up_front()
    {
        var sheet = new ExportSheet("Widths", null, [new ExportColumn("Id", Width: 6), new ExportColumn("Feedback", Width: 50)]);

        using var stream = WorkbookCheck.Streamed(sheet, [[1, "text"]]);

        using var book = WorkbookCheck.Open(stream);
        Assert.Equal([6.0, 50.0], new[] { book.Worksheet(1).Column(1).Width, book.Worksheet(1).Column(2).Width });
    }

    [Fact]
    public void The_rows_are_read_once_as_they_are_written()
    {
        var enumerated = 0;
        IEnumerable<ExportValue[]> Rows()
        {
            for (var i = 0; i < 3; i++)
            {
                enumerated++;
                yield return [i];
            }
        }

        using var stream = new MemoryStream();
        using var book = new StreamingWorkbook(stream);
        var written = book.AddSheet(WorkbookCheck.Sheet(1), Rows());

        Assert.Equal((3, 3), (written, enumerated));
    }

    [Fact]
    public void It_writes_to_a_stream_that_cannot_seek()
    {
        using var target = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(target))
        using (var book = new StreamingWorkbook(forwardOnly))
        {
            book.AddSheet(WorkbookCheck.Sheet(2), WorkbookCheck.Rows(3, 2));
        }

        using var read = WorkbookCheck.Open(new MemoryStream(target.ToArray()));
        Assert.Equal(5, read.Worksheet(1).LastRowUsed().RowNumber());
    }

    [Fact]
    public void Column_names_run_from_A_past_Z()
    {
        Assert.Equal(["A", "Z", "AA", "AZ", "EU", "XFD"], new[] { 1, 26, 27, 52, 151, 16384 }.Select(StreamingWorkbook.ColumnName));
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
