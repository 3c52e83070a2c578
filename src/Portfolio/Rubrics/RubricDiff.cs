namespace Portfolio.Rubrics;

/// <summary>A marking point whose id stayed the same but whose wording changed.</summary>
public sealed record RewordedMarkingPoint(string Id, string OldText, string NewText);

/// <summary>
/// What changed between two versions of a rubric, by id. Points of an added or removed element
/// are listed among the points added or removed too, so a caller can work from points alone.
/// Text is compared with whitespace collapsed, as the content hash does.
/// </summary>
public sealed record RubricDiff(
    IReadOnlyList<Element> ElementsAdded,
    IReadOnlyList<Element> ElementsRemoved,
    IReadOnlyList<MarkingPoint> PointsAdded,
    IReadOnlyList<MarkingPoint> PointsRemoved,
    IReadOnlyList<RewordedMarkingPoint> PointsReworded)
{
    public bool IsEmpty =>
        ElementsAdded.Count == 0 && ElementsRemoved.Count == 0 &&
        PointsAdded.Count == 0 && PointsRemoved.Count == 0 && PointsReworded.Count == 0;

    public static RubricDiff Between(Qualification older, Qualification newer)
    {
        var oldElements = older.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var newElements = newer.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var oldPoints = older.MarkingPoints.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var newPoints = newer.MarkingPoints.ToDictionary(p => p.Id, StringComparer.Ordinal);

        return new RubricDiff(
            newer.Elements.Where(e => !oldElements.ContainsKey(e.Id)).ToList(),
            older.Elements.Where(e => !newElements.ContainsKey(e.Id)).ToList(),
            newer.MarkingPoints.Where(p => !oldPoints.ContainsKey(p.Id)).ToList(),
            older.MarkingPoints.Where(p => !newPoints.ContainsKey(p.Id)).ToList(),
            newer.MarkingPoints
                .Where(p => oldPoints.TryGetValue(p.Id, out var old) && Collapse(old.Text) != Collapse(p.Text))
                .Select(p => new RewordedMarkingPoint(p.Id, oldPoints[p.Id].Text, p.Text))
                .ToList());
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
