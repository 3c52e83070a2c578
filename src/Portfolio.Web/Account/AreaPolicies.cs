using Portfolio.People;

namespace Portfolio.Web.Account;

/// <summary>Each area of the site and the role that opens it.</summary>
public sealed record Area(string Folder, string Role, string Title);

public static class AreaPolicies
{
    public static readonly IReadOnlyList<Area> Areas =
    [
        new("/Portfolio", Role.Candidate, "My portfolio"),
        new("/Assess", Role.Assessor, "Assessment"),
        new("/Verify", Role.InternalQualityAssurer, "Quality assurance"),
        new("/Admin", Role.CentreAdministrator, "Centre administration"),
        new("/External", Role.ExternalQualityAssurer, "External quality assurance"),
    ];

    public static IEnumerable<Area> For(IEnumerable<string> roles) => Areas.Where(a => roles.Contains(a.Role));
}
