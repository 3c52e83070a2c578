namespace Portfolio.Evidence;

/// <summary>Where an item's newest revision stands.</summary>
public enum EvidenceStatus { Draft, Submitted, ReturnedNotYet, ReturnedMet }

public static class EvidenceStatuses
{
    public static string DisplayName(this EvidenceStatus status) => status switch
    {
        EvidenceStatus.Draft => "Draft",
        EvidenceStatus.Submitted => "Submitted",
        EvidenceStatus.ReturnedNotYet => "Returned — not yet met",
        _ => "Returned — all met",
    };

    /// <summary>The GOV.UK tag colour for a status.</summary>
    public static string TagClass(this EvidenceStatus status) => status switch
    {
        EvidenceStatus.Draft => "govuk-tag--grey",
        EvidenceStatus.Submitted => "govuk-tag--blue",
        EvidenceStatus.ReturnedNotYet => "govuk-tag--orange",
        _ => "govuk-tag--green",
    };
}
