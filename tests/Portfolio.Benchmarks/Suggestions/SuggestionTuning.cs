using System.Globalization;
using Portfolio.Rubrics;
using Portfolio.Suggestions;

namespace Portfolio.Benchmarks.Suggestions;

/// <summary>Tries ways of writing the points and weights of the score on the labelled passages (argument "tune").</summary>
public static class SuggestionTuning
{
    public static void Run(Qualification rubric, IReadOnlyList<SuggestionAccuracy.Labelled> passages, SentenceModel model)
    {
        var list = rubric.Elements.SelectMany(e => e.MarkingPoints.Select(p => (e, p))).ToList();
        var texts = new Dictionary<string, Func<Element, MarkingPoint, string>>
        {
            ["point"] = (e, p) => p.Text,
            ["point+title"] = (e, p) => $"{p.Text} ({e.Title}.)",
        };
        foreach (var (name, make) in texts)
        {
            var vectors = model.Encode(list.Select(x => make(x.e, x.p)).ToList())!;
            var points = list.Select((x, i) => new PointVector(i, x.p.Id, x.p.EvidenceKinds.Select(k => k.Key()).ToList(), vectors[i])).ToList();
            foreach (var second in new[] { 0.6f })
            foreach (var whole in new[] { 0.4f })
            foreach (var kind in new[] { 0.08f })
            {
                var w = SuggestionScorer.Calibrated with { Second = second, Whole = whole, KindBonus = kind, KindPenalty = kind * 1.5f };
                var f = SuggestionAccuracy.Measure(passages, points, model, w);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-20} second {second:F1} whole {whole:F1} kind {kind:F2}: top1 {f.Top1:P0} top3 {f.Top3:P0}"));
            }
            foreach (var strong in new[] { 0.4f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f })
            foreach (var margin in new[] { 0f, 0.02f, 0.04f, 0.06f, 0.08f })
            {
                var w = SuggestionScorer.Calibrated with { Strong = strong, StrongMargin = margin };
                var f = SuggestionAccuracy.Measure(passages, points, model, w);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-20} strong {strong:F2} margin {margin:F2}: {f.Strong} strong, precision {f.StrongPrecision:P0}"));
            }
        }
    }
}
