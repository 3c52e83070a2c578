namespace Portfolio.People;

/// <summary>The roles a person can hold; a person may hold several. The keys are stored in people.roles.</summary>
public static class Role
{
    public const string Candidate = "candidate";
    public const string Assessor = "assessor";
    public const string InternalQualityAssurer = "iqa";
    public const string CentreAdministrator = "admin";
    public const string ExternalQualityAssurer = "eqa";

    public static readonly IReadOnlyList<string> All =
        [Candidate, Assessor, InternalQualityAssurer, CentreAdministrator, ExternalQualityAssurer];

    public static string DisplayName(string role) => role switch
    {
        Candidate => "Candidate",
        Assessor => "Assessor",
        InternalQualityAssurer => "Internal quality assurer",
        CentreAdministrator => "Centre administrator",
        ExternalQualityAssurer => "External quality assurer",
        _ => role,
    };

    public static bool IsKnown(string role) => All.Contains(role);
}
