using Portfolio.Rubrics;

namespace Portfolio.Suggestions;

/// <summary>A marking point as the scorer reads it: its vector and the kinds of evidence its rubric names.</summary>
public sealed record PointVector(long Id, string Code, IReadOnlyList<string> EvidenceKinds, float[] Vector);

/// <summary>A marking point a text may show, the sentence that shows it best and how sure the scorer is.</summary>
public sealed record ScoredPoint(long PointId, string Code, string Strength, float Score, Passage Passage);

/// <summary>
/// Which marking points an item's sentences may show. Each point scores its best sentence plus a share of its
/// second best (a point shown twice is likelier than a lucky phrase), plus a share of the whole text's likeness, plus
/// or minus a little for whether the point's rubric names this kind of evidence (a development plan rarely shows an
/// action-planning point). Thresholds were set on the labelled passages in the benchmark project
/// (docs/suggestions.md): "strong" is meant to be right at least four times in five.
/// </summary>
public static class SuggestionScorer
{
    public sealed record Weights(
        float Second = 0.6f, float Whole = 0.4f, float KindBonus = 0.08f, float KindPenalty = 0.12f,
        float Strong = 0.55f, float StrongMargin = 0.04f, float Possible = 0.40f, int Most = 4,
        float QuoteMargin = 0.1f);

    public static readonly Weights Calibrated = new();

    public const string Strong = "strong";
    public const string Possible = "possible";

    public static IReadOnlyList<ScoredPoint> Score(IReadOnlyList<Passage> passages, IReadOnlyList<float[]> vectors,
        IReadOnlyList<PointVector> points, EvidenceKind kind, Weights? weights = null)
    {
        var w = weights ?? Calibrated;
        if (passages.Count == 0 || points.Count == 0)
        {
            return [];
        }
        var whole = Mean(vectors);
        var key = kind.Key();
        var likeness = new float[points.Count, vectors.Count];
        var usual = new float[vectors.Count];
        for (var p = 0; p < points.Count; p++)
        {
            for (var i = 0; i < vectors.Count; i++)
            {
                likeness[p, i] = SentenceModel.Cosine(vectors[i], points[p].Vector);
                usual[i] += likeness[p, i] / points.Count;
            }
        }
        var scored = new List<(PointVector Point, float Score, int Best)>();
        for (var p = 0; p < points.Count; p++)
        {
            var point = points[p];
            float best = -1, second = -1;
            for (var i = 0; i < vectors.Count; i++)
            {
                var s = likeness[p, i];
                if (s > best)
                {
                    (second, best) = (best, s);
                }
                else if (s > second)
                {
                    second = s;
                }
            }
            var at = Quote(p, best, likeness, usual, w.QuoteMargin);
            var score = (best + w.Second * Math.Max(second, 0) + w.Whole * SentenceModel.Cosine(whole, point.Vector))
                / (1 + w.Second + w.Whole) * 1.5f;
            // "Other document" can be anything, and rubrics seldom name it: no prior rather than one that favours the few.
            score += point.EvidenceKinds.Count == 0 || kind == EvidenceKind.OtherDocument ? 0
                : point.EvidenceKinds.Contains(key) ? w.KindBonus : -w.KindPenalty;
            scored.Add((point, score, at));
        }
        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        var result = new List<ScoredPoint>();
        for (var r = 0; r < scored.Count && result.Count < w.Most; r++)
        {
            var (point, score, best) = scored[r];
            if (score < w.Possible)
            {
                break;
            }
            var next = r + 1 < scored.Count ? scored[r + 1].Score : 0;
            // Only the point that stands out at the top is strong: close rivals mean the text could be read either way.
            var strong = r == 0 && score >= w.Strong && score - next >= w.StrongMargin;
            result.Add(new ScoredPoint(point.Id, point.Code, strong ? Strong : Possible, score, passages[best]));
        }
        return result;
    }

    /// <summary>
    /// The sentence to quote for a point: of those nearly as like it as the likeliest, the one most particular to it
    /// (its likeness to this point less its likeness to the rubric's points on average). A sentence that touches the
    /// whole task, such as the client's consent to the plan being shared, is a little more like every point than the
    /// sentence that shows one of them ("we broke her goal into steps" for ordered steps); quoting it for each
    /// suggestion showed the same words three or four times and pointed the reader at the wrong passage.
    /// </summary>
    static int Quote(int point, float best, float[,] likeness, float[] usual, float margin)
    {
        var at = 0;
        var most = float.MinValue;
        for (var i = 0; i < usual.Length; i++)
        {
            if (likeness[point, i] >= best - margin && likeness[point, i] - usual[i] > most)
            {
                (most, at) = (likeness[point, i] - usual[i], i);
            }
        }
        return at;
    }

    static float[] Mean(IReadOnlyList<float[]> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, v, mean);
        }
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(mean);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(mean, norm, mean);
        }
        return mean;
    }

    /// <summary>
    /// The text a marking point is encoded from: the whole point. Its element and evidence line enter through the kind
    /// prior; adding the element's title to the text ranked as well but made "strong" less often right (docs/suggestions.md).
    /// </summary>
    public static string PointText(string pointText) => pointText;
}
