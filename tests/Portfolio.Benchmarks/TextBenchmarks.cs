using BenchmarkDotNet.Attributes;
using Portfolio.Rubrics;
using Portfolio.Text;

namespace Portfolio.Benchmarks;

[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private readonly string _evidence = SampleData.EvidenceMarkdown(5 * 1024);

    [Benchmark]
    public string RenderEvidence() => MarkdownRenderer.ToSafeHtml(_evidence);
}

[MemoryDiagnoser]
public class RubricBenchmarks
{
    private readonly string _folder = Path.Combine(SampleData.RepositoryRoot(), "rubrics", "career-guidance-practice");

    [Benchmark]
    public RubricLoadResult LoadCareerGuidancePractice() => RubricLoader.Load(_folder);
}
