using System.Diagnostics;
using BenchmarkDotNet.Running;
using Portfolio.Benchmarks;
using Portfolio.Export;

if (args.Length > 0 && args[0] == "generate")
{
    // Not a benchmark: fills a database with a large centre for the load tests (scripts/load.sh).
    return await Dataset.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "samples")
{
    // Not a benchmark: adds internal quality assurance samples to a centre generated before they were part of it.
    return await Dataset.OnDatabaseAsync(args[1..], "samples", (db, size, clock) => SampleHistory.TakeAsync(db, size.Samples, clock));
}

if (args.Length > 0 && args[0] == "suggestions")
{
    // Not a BenchmarkDotNet run: accuracy of marking-point suggestions on the labelled passages, and their speed.
    return Portfolio.Benchmarks.Suggestions.SuggestionAccuracy.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "--peak-memory")
{
    // Not a BenchmarkDotNet run: one streaming export of 10,000 × 150 cells to a file, in a fresh process,
    // to show the writer's memory stays bounded while the sheet is far bigger.
    var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    const int columns = 150;
    var path = Path.Combine(Path.GetTempPath(), $"portfolio-peak-{Environment.ProcessId}.xlsx");
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    using (var file = File.Create(path))
    using (var book = new StreamingWorkbook(file))
    {
        book.AddSheet(SampleData.Sheet(columns), SampleData.Rows(rows, columns));
    }
    clock.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"Streaming workbook, {rows:N0} rows x {columns} columns ({rows * columns:N0} cells)");
    Console.WriteLine($"  elapsed:          {clock.Elapsed.TotalSeconds:F2} s");
    Console.WriteLine($"  file size:        {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");
    Console.WriteLine($"  allocated (GC):   {allocated / 1024.0 / 1024.0:F0} MiB in total over the run");
    Console.WriteLine($"  peak working set: {self.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB");
    File.Delete(path);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ExportBenchmarks).Assembly).Run(args);
return 0;
