using Portfolio.People;

namespace Portfolio.Mail;

/// <summary>One kind of email that tells a person something happened, and the role that receives it.</summary>
public sealed record NotificationKind(string Key, string Title, string Role);

/// <summary>
/// The emails a person may choose to take straight away, in a daily digest or not at all. Account mail (invitations,
/// password links, witness requests) is not among them: it always goes at once.
/// </summary>
public static class NotificationKinds
{
    public const string Immediately = "immediately";
    public const string Digest = "digest";
    public const string None = "none";

    /// <summary>The kind of the daily digest message itself; its unsubscribe link stops every digest choice.</summary>
    public const string DigestMail = "digest";

    public static readonly IReadOnlyList<string> Deliveries = [Immediately, Digest, None];

    public static readonly IReadOnlyList<NotificationKind> All =
    [
        new("evidence-submitted", "A candidate submits evidence for you to assess", Role.Assessor),
        new("qa-sample-recorded", "Internal quality assurance records an outcome on one of your decisions",
            Role.Assessor),
        new("evidence-returned", "Your assessor returns evidence to you with feedback", Role.Candidate),
        new("element-signed-off", "Your assessor signs off an element of your qualification", Role.Candidate),
        new("eqa-access-granted", "A centre gives you external quality assurance access", Role.ExternalQualityAssurer),
    ];

    public static bool IsNotification(string kind) => All.Any(k => k.Key == kind);

    /// <summary>Whether a message of this kind carries an unsubscribe link (notifications and the digest).</summary>
    public static bool CanUnsubscribe(string kind) => kind == DigestMail || IsNotification(kind);

    /// <summary>The kinds a person with these roles can receive, in the order the page lists them.</summary>
    public static IReadOnlyList<NotificationKind> For(IEnumerable<string> roles) =>
        All.Where(k => roles.Contains(k.Role)).ToList();

    /// <summary>How a kind is named on the unsubscribe page ("emails when ...").</summary>
    public static string Describe(string kind) => kind == DigestMail
        ? "your daily digest email"
        : "emails when " + (All.FirstOrDefault(k => k.Key == kind)?.Title ?? kind).ToLowerInvariant();
}
