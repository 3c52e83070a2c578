using System.Diagnostics;
using System.Globalization;
using Portfolio.Rubrics;
using Portfolio.Suggestions;

namespace Portfolio.Benchmarks.Suggestions;

/// <summary>
/// How often the suggestions are right on the labelled passages (Suggestions/passages.md) for the shipped demo
/// qualification: top-1 and top-3 accuracy, and the precision of "strong" suggestions. Run:
/// <c>dotnet tests/Portfolio.Benchmarks/bin/Release/net10.0/Portfolio.Benchmarks.dll suggestions</c>.
/// </summary>
public static class SuggestionAccuracy
{
    public sealed record Labelled(EvidenceKind Kind, IReadOnlySet<string> Codes, string Text);

    public sealed record Figures(int Passages, double Top1, double Top3, int Strong, double StrongPrecision, double Baseline1, double Baseline3);

    public static int Run(string[] args)
    {
        var root = FindRoot();
        var rubric = RubricLoader.Load(Path.Combine(root, "rubrics", "career-guidance-practice")).Qualification
            ?? throw new InvalidOperationException("The demo rubric does not load.");
        var passages = Parse(File.ReadAllText(Path.Combine(root, "tests", "Portfolio.Benchmarks", "Suggestions", "passages.md")));
        var model = SentenceModel.Local;
        var clock = Stopwatch.StartNew();
        if (!model.TryLoad())
        {
            Console.Error.WriteLine($"The model could not load: {model.Failure}");
            return 1;
        }
        Console.WriteLine($"Model loaded in {clock.Elapsed.TotalSeconds:F1} s");
        if (args.Contains("profile"))
        {
            EncoderProfile.Run(passages);
            return 0;
        }
        if (args.Contains("tune"))
        {
            SuggestionTuning.Run(rubric, passages, model);
            return 0;
        }
        var points = Points(rubric, model);
        var figures = Measure(passages, points, model, SuggestionScorer.Calibrated);
        Print(figures);
        Speed(model, points, passages);
        return figures.Top1 >= 0.65 && figures.Top3 >= 0.90 && figures.StrongPrecision >= 0.80 ? 0 : 2;
    }

    static void Print(Figures f)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Labelled passages: {f.Passages}"));
        Console.WriteLine(string.Create(c, $"Top-1 accuracy:    {f.Top1:P1}   (target 65 %; whole-text cosine: {f.Baseline1:P1})"));
        Console.WriteLine(string.Create(c, $"Top-3 accuracy:    {f.Top3:P1}   (target 90 %; whole-text cosine: {f.Baseline3:P1})"));
        Console.WriteLine(string.Create(c, $"Strong precision:  {f.StrongPrecision:P1}   of {f.Strong} strong suggestions (target 80 %)"));
    }

    public static IReadOnlyList<PointVector> Points(Qualification rubric, SentenceModel model)
    {
        var list = rubric.Elements.SelectMany(e => e.MarkingPoints.Select(p => (e, p))).ToList();
        var vectors = model.Encode(list.Select(x => SuggestionScorer.PointText(x.p.Text)).ToList())!;
        return list.Select((x, i) => new PointVector(i, x.p.Id, x.p.EvidenceKinds.Select(k => k.Key()).ToList(), vectors[i])).ToList();
    }

    public static Figures Measure(IReadOnlyList<Labelled> passages, IReadOnlyList<PointVector> points, SentenceModel model,
        SuggestionScorer.Weights weights)
    {
        int top1 = 0, top3 = 0, strong = 0, strongRight = 0, base1 = 0, base3 = 0;
        foreach (var p in passages)
        {
            var sentences = Passages.Split(p.Text).ToList();
            var vectors = Cached(model, sentences.Select(s => s.Text).ToList());
            var all = SuggestionScorer.Score(sentences, vectors, points, p.Kind, weights with { Possible = -10, Most = 100 });
            var shown = SuggestionScorer.Score(sentences, vectors, points, p.Kind, weights);
            top1 += all.Take(1).Any(s => p.Codes.Contains(s.Code)) ? 1 : 0;
            top3 += all.Take(3).Any(s => p.Codes.Contains(s.Code)) ? 1 : 0;
            foreach (var s in shown.Where(s => s.Strength == SuggestionScorer.Strong))
            {
                strong++;
                strongRight += p.Codes.Contains(s.Code) ? 1 : 0;
            }
            var whole = Cached(model, [p.Text])[0];
            var ranked = points.OrderByDescending(x => SentenceModel.Cosine(whole, x.Vector)).Take(3).Select(x => x.Code).ToList();
            base1 += p.Codes.Contains(ranked[0]) ? 1 : 0;
            base3 += ranked.Any(p.Codes.Contains) ? 1 : 0;
        }
        double n = passages.Count;
        return new Figures(passages.Count, top1 / n, top3 / n, strong, strong == 0 ? 0 : strongRight / (double)strong, base1 / n, base3 / n);
    }

    static readonly Dictionary<string, float[]> Encoded = [];

    // The labelled passages' sentences are encoded once however many ways of scoring are tried.
    static float[][] Cached(SentenceModel model, IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !Encoded.ContainsKey(t)).Distinct().ToList();
        foreach (var (text, vector) in missing.Zip(model.Encode(missing)!))
        {
            Encoded[text] = vector;
        }
        return texts.Select(t => Encoded[t]).ToArray();
    }

    // A 3,000-word item made of the labelled passages: encoding and scoring it is what the worker does after a save.
    static void Speed(SentenceModel model, IReadOnlyList<PointVector> points, IReadOnlyList<Labelled> passages)
    {
        var text = ThreeThousandWords(passages);
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sentences = Passages.Split(text).ToList();
            var vectors = model.Encode(sentences.Select(s => s.Text).ToList())!;
            SuggestionScorer.Score(sentences, vectors, points, EvidenceKind.ReflectiveAccount);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"3,000 words, {sentences.Count} sentences: {clock.Elapsed.TotalMilliseconds:F0} ms elapsed, "
                + $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms of CPU "
                + $"(load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
        }
    }

    /// <summary>A 3,000-word item made of the labelled passages, as candidates write them.</summary>
    public static string ThreeThousandWords(IReadOnlyList<Labelled> passages)
    {
        var text = string.Join("\n\n", Enumerable.Repeat(passages.Select(p => p.Text), 10).SelectMany(x => x));
        return string.Join(' ', text.Split(' ').Take(3000));
    }

    public static IReadOnlyList<Labelled> Parse(string markdown)
    {
        var result = new List<Labelled>();
        foreach (var block in markdown.Split("\n## ").Skip(1))
        {
            var newline = block.IndexOf('\n', StringComparison.Ordinal);
            var head = block[..newline].Split(':', 2);
            if (!EvidenceKinds.TryParse(head[0].Trim(), out var kind))
            {
                throw new FormatException($"Unknown evidence kind: {head[0]}");
            }
            var codes = head[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            result.Add(new Labelled(kind, codes, block[(newline + 1)..].Trim()));
        }
        return result;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portfolio.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository.");
    }
}
