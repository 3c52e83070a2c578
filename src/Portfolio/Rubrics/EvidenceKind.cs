using System.Collections.Frozen;
namespace Portfolio.Rubrics;

/// <summary>The kinds of evidence a marking point may be met by. Keys are stored; never rename one.</summary>
public enum EvidenceKind
{
    ActionPlan,
    ReflectiveAccount,
    DevelopmentPlan,
    ProgressReview,
    Observation,
    WitnessTestimony,
    ProfessionalDiscussion,
    OtherDocument,
}

public static class EvidenceKinds
{
    public static IReadOnlyList<EvidenceKind> All { get; } = Enum.GetValues<EvidenceKind>();

    /// <summary>The kinds a witness outside the centre can be asked to confirm.</summary>
    public static IReadOnlyList<EvidenceKind> Witnessable { get; } =
        [EvidenceKind.WitnessTestimony, EvidenceKind.Observation, EvidenceKind.ActionPlan];

    /// <summary>The stable key used in rubric files, the database and exports, e.g. <c>action-plan</c>.</summary>
    public static string Key(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.ActionPlan => "action-plan",
        EvidenceKind.ReflectiveAccount => "reflective-account",
        EvidenceKind.DevelopmentPlan => "development-plan",
        EvidenceKind.ProgressReview => "progress-review",
        EvidenceKind.Observation => "observation",
        EvidenceKind.WitnessTestimony => "witness-testimony",
        EvidenceKind.ProfessionalDiscussion => "professional-discussion",
        EvidenceKind.OtherDocument => "other-document",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string DisplayName(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.ActionPlan => "Action plan",
        EvidenceKind.ReflectiveAccount => "Reflective account",
        EvidenceKind.DevelopmentPlan => "Personal development plan",
        EvidenceKind.ProgressReview => "Progress review",
        EvidenceKind.Observation => "Observation record",
        EvidenceKind.WitnessTestimony => "Witness testimony",
        EvidenceKind.ProfessionalDiscussion => "Professional discussion",
        EvidenceKind.OtherDocument => "Other document",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Spellings people write in rubric files besides the key and the display name.
    private static readonly Dictionary<string, EvidenceKind> Synonyms = new(StringComparer.Ordinal)
    {
        ["pdp"] = EvidenceKind.DevelopmentPlan,
        ["personal-development-plan"] = EvidenceKind.DevelopmentPlan,
        ["progress-review-record"] = EvidenceKind.ProgressReview,
        ["review"] = EvidenceKind.ProgressReview,
        ["observation-record"] = EvidenceKind.Observation,
        ["direct-observation"] = EvidenceKind.Observation,
        ["witness-statement"] = EvidenceKind.WitnessTestimony,
        ["witness"] = EvidenceKind.WitnessTestimony,
        ["witness-testimonies"] = EvidenceKind.WitnessTestimony,
        ["reflection"] = EvidenceKind.ReflectiveAccount,
        ["reflective-log"] = EvidenceKind.ReflectiveAccount,
        ["discussion"] = EvidenceKind.ProfessionalDiscussion,
        ["other"] = EvidenceKind.OtherDocument,
        ["document"] = EvidenceKind.OtherDocument,
    };

    static readonly FrozenDictionary<string, EvidenceKind> ByKey = All.ToFrozenDictionary(k => k.Key());

    /// <summary>Accepts the key, the display name or a common human spelling ("Action plans", "PDP").</summary>
    public static bool TryParse(string text, out EvidenceKind kind)
    {
        // Keys read back from the database are the common case: a lookup, before any of the forgiving spelling rules.
        if (ByKey.TryGetValue(text, out kind))
        {
            return true;
        }
        var words = text.Trim().ToLowerInvariant()
            .Split([' ', '-', '_', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            kind = default;
            return false;
        }
        var normal = string.Join('-', words);
        foreach (var candidate in new[] { normal, normal.TrimEnd('s') })
        {
            foreach (var k in All)
            {
                if (candidate == k.Key() || candidate == string.Join('-', k.DisplayName().ToLowerInvariant().Split(' ')))
                {
                    kind = k;
                    return true;
                }
            }
            if (Synonyms.TryGetValue(candidate, out kind))
            {
                return true;
            }
        }
        kind = default;
        return false;
    }
}
