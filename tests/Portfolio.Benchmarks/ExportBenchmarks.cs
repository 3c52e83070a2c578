using BenchmarkDotNet.Attributes;
using Portfolio.Export;

namespace Portfolio.Benchmarks;

/// <summary>The formatted ClosedXML report against the streaming writer, on sheets 150 columns wide.</summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private const int Columns = 150;
    private ExportSheet _sheet = null!;
    private ExportValue[][] _rows = null!;

    [Params(1_000, 2_000, 10_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _sheet = SampleData.Sheet(Columns);
        _rows = SampleData.Rows(Rows, Columns).ToArray();
    }

    [Benchmark(Baseline = true)]
    public long FormattedReport()
    {
        using var stream = new CountingStream();
        using var report = new ReportWorkbook();
        report.AddSheet(_sheet, _rows);
        report.SaveTo(stream);
        return stream.Length;
    }

    [Benchmark]
    public long Streaming()
    {
        using var stream = new CountingStream();
        using (var book = new StreamingWorkbook(stream))
        {
            book.AddSheet(_sheet, _rows);
        }
        return stream.Length;
    }
}
