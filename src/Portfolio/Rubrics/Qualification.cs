namespace Portfolio.Rubrics;

/// <summary>A qualification as a rubric describes it: units, then elements, then marking points.</summary>
public sealed record Qualification(
    string Code,
    string Title,
    int Level,
    string AwardingOrganisation,
    IReadOnlyList<Unit> Units)
{
    /// <summary>Guided learning hours the awarding organisation sets, when the rubric says.</summary>
    public int? GuidedLearningHours { get; init; }

    /// <summary>The apprenticeship standard's minimum off-the-job training hours, when the rubric says.</summary>
    public int? OffTheJobMinimumHours { get; init; }

    /// <summary>Kinds of evidence that need a witness's confirmation of their current text before submission.</summary>
    public IReadOnlyList<EvidenceKind> WitnessRequired { get; init; } = [];

    /// <summary>The CFDocument identifier of the CASE package the rubric came from, when it came from one.</summary>
    public string? CaseIdentifier { get; init; }

    /// <summary>The hours a learning plan starts from: the off-the-job minimum, else the guided learning
    /// hours.</summary>
    public int? PlannedHours => OffTheJobMinimumHours ?? GuidedLearningHours;

    public IEnumerable<Element> Elements => Units.SelectMany(u => u.Elements);

    public IEnumerable<MarkingPoint> MarkingPoints => Elements.SelectMany(e => e.MarkingPoints);

    /// <summary>SHA-256 of the canonical form; see <see cref="RubricHash"/>.</summary>
    public string ContentHash() => RubricHash.Of(this);
}

public sealed record Unit(string Id, string Title, IReadOnlyList<Element> Elements)
{
    /// <summary>The publisher's CASE identifier of the item this unit came from, kept for export and updates.</summary>
    public string? CaseIdentifier { get; init; }
}

/// <summary>
/// One element of a unit. The four guidance sections are Markdown exactly as written in the
/// rubric file (empty when the file leaves a section out), so pages can render them as authored.
/// </summary>
public sealed record Element(
    string Id,
    string UnitId,
    string Title,
    string Synopsis,
    string KeyConcepts,
    string Guidance,
    string CommonMistakes,
    IReadOnlyList<MarkingPoint> MarkingPoints)
{
    /// <summary>The publisher's CASE identifier of the item this element came from.</summary>
    public string? CaseIdentifier { get; init; }
}

/// <summary>The smallest thing an assessor judges. The id is stable across rubric versions.</summary>
public sealed record MarkingPoint(string Id, string Text, IReadOnlyList<EvidenceKind> EvidenceKinds)
{
    /// <summary>The publisher's CASE identifier of the item this point came from.</summary>
    public string? CaseIdentifier { get; init; }
}
