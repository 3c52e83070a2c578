using System.Text;
using Portfolio.Export;

namespace Portfolio.Benchmarks;

internal static class SampleData
{
    public static ExportSheet Sheet(int columns) =>
        new("Cohort matrix", "Cohort matrix: benchmark", Enumerable.Range(1, columns).Select(c => new ExportColumn($"Point {c}", Width: 14)).ToList());

    /// <summary>Rows of mixed values: a fifth each of text, numbers, dates, statuses and short text.</summary>
    public static IEnumerable<ExportValue[]> Rows(int rows, int columns) =>
        Enumerable.Range(1, rows).Select(r =>
        {
            var row = new ExportValue[columns];
            for (var c = 0; c < columns; c++)
            {
                row[c] = (c % 5) switch
                {
                    0 => $"Feedback {r}.{c}: the action plan names who does what by when",
                    1 => ExportValue.FromNumber(r * 1000 + c),
                    2 => new DateOnly(2026, 1, 1).AddDays((r + c) % 365),
                    3 => (ExportStatus)((r + c) % 4),
                    _ => r % 50 == 0 ? "=1+1" : $"Item {r}",
                };
            }
            return row;
        });

    /// <summary>Evidence text of about <paramref name="size"/> characters: headings, paragraphs, a list, links, emphasis.</summary>
    public static string EvidenceMarkdown(int size)
    {
        var sb = new StringBuilder();
        for (var i = 1; sb.Length < size; i++)
        {
            sb.AppendLine($"## Session {i}: reviewing the action plan").AppendLine()
              .AppendLine("The client *led* the review. We looked at each step of the plan and asked who does what, by when, ")
              .AppendLine("and how we would both know it was done. See the [briefing](https://example.org/briefing) for the SMART checks.").AppendLine()
              .AppendLine("- Update the CV with the volunteering role **by Friday**")
              .AppendLine("- Phone two local employers about work trials")
              .AppendLine("- Book the next review in four weeks").AppendLine()
              .AppendLine("> Reflection: I talked too much at the start; next time I will let the client set the agenda.").AppendLine();
        }
        return sb.ToString();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portfolio.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>A write-only sink that counts bytes, so the benchmarks measure the writers and not a growing MemoryStream.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
}
