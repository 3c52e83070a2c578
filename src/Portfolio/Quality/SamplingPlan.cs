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

/// <summary>
/// One assessor's row of a plan: <paramref name="RatePercent"/> is the rate in use; <paramref name="RateChosen"/>
/// says the IQA typed it in rather than leaving it to follow the usual rate of the status.
/// </summary>
public sealed record AssessorRate(
    long AssessorId, string AssessorName, string Status, int RatePercent, bool RateChosen = false)
{
    /// <summary>The row for a status and an optional typed-in rate: no rate means the status's usual rate.</summary>
    public static AssessorRate Of(long assessorId, string assessorName, string status, int? chosenRate) =>
        new(assessorId, assessorName, status, chosenRate ?? AssessorStatus.DefaultRate(status), chosenRate is not null);
}

/// <summary>The IQA sampling plan of one qualification: a rate per assessor and what every sample must cover.</summary>
/// <param name="Version">The saved plan's row version (0 before its first save); a save names the version it was made from.</param>
/// <param name="SavedBy">Who saved the plan last, when it has been saved.</param>
public sealed record SamplingPlan(long QualificationId, string QualificationCode, bool CoverCandidates, bool CoverMethods, bool CoverElements,
    bool CoverDecisionTypes, IReadOnlyList<AssessorRate> Assessors, long Version = 0, string? SavedBy = null)
{
    /// <summary>The assessor's row; an assessor the plan does not name yet is sampled at the established rate.</summary>
    public AssessorRate RateFor(long assessorId) => Assessors.FirstOrDefault(a => a.AssessorId == assessorId)
        ?? AssessorRate.Of(assessorId, "", AssessorStatus.Established, null);
}

/// <summary>What saving a sampling plan came to.</summary>
public enum PlanSave
{
    Saved,
    /// <summary>The qualification or an assessor is not the centre's.</summary>
    NotFound,
    /// <summary>Someone saved the plan after the form was opened; nothing was written.</summary>
    Changed,
}
