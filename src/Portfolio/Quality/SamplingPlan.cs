namespace Portfolio.Quality;

/// <summary>How closely an assessor is watched; new and flagged assessors are sampled more.</summary>
public static class AssessorStatus
{
    public const string New = "new";
    public const string Flagged = "flagged";
    public const string Established = "established";

    public static readonly IReadOnlyList<string> All = [New, Flagged, Established];

    public static int DefaultRate(string status) => status switch { New => 100, Flagged => 50, _ => 25 };

    public static string DisplayName(string status) => status switch { New => "New to assessing", Flagged => "Flagged for closer sampling", _ => "Established" };
}

/// <summary>One assessor's row of a plan.</summary>
public sealed record AssessorRate(long AssessorId, string AssessorName, string Status, int RatePercent);

/// <summary>The IQA sampling plan of one qualification: a rate per assessor and what every sample must cover.</summary>
public sealed record SamplingPlan(long QualificationId, string QualificationCode, bool CoverCandidates, bool CoverMethods, bool CoverElements,
    bool CoverDecisionTypes, IReadOnlyList<AssessorRate> Assessors)
{
    /// <summary>The assessor's row; an assessor the plan does not name yet is sampled at the established rate.</summary>
    public AssessorRate RateFor(long assessorId) => Assessors.FirstOrDefault(a => a.AssessorId == assessorId)
        ?? new AssessorRate(assessorId, "", AssessorStatus.Established, AssessorStatus.DefaultRate(AssessorStatus.Established));
}
