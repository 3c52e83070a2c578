using Portfolio.Rubrics;

namespace Portfolio.Witnesses;

/// <summary>Who the candidate names as a witness: their name, job title, relationship to the candidate and email.</summary>
public sealed record WitnessDetails(string Name, string JobTitle, string Relationship, string Email);

/// <summary>Where a witness request stands, as the candidate, the assessor and quality assurers see it.</summary>
public enum WitnessStatus { Waiting, Expired, Withdrawn, Confirmed, ConfirmedEarlierRevision, Declined }

/// <summary>One request to a witness and, once they answer, what they said and exactly what they were shown.</summary>
public sealed class WitnessRequest
{
    public long Id { get; init; }
    public long ItemId { get; init; }
    public string Name { get; init; } = "";
    public string JobTitle { get; init; } = "";
    public string Relationship { get; init; } = "";
    public string Email { get; init; } = "";
    public DateTime SentAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? WithdrawnAt { get; init; }
    public DateTime? AnsweredAt { get; init; }
    public string? Outcome { get; init; }
    public string? TypedName { get; init; }
    public string? Comment { get; init; }
    public string? RemoteAddress { get; init; }
    public string? UserAgent { get; init; }
    public string? TextSha256 { get; init; }
    public int? RevisionNumber { get; init; }

    /// <summary>The link's 14 days have passed (read from the database's clock with the row).</summary>
    public bool Lapsed { get; init; }

    public WitnessDetails Details => new(Name, JobTitle, Relationship, Email);

    /// <summary>The request's state now, against the SHA-256 of the item's current text.</summary>
    public WitnessStatus StatusFor(string currentTextSha256) => this switch
    {
        { Outcome: WitnessRequests.Confirmed } when TextSha256 == currentTextSha256 => WitnessStatus.Confirmed,
        { Outcome: WitnessRequests.Confirmed } => WitnessStatus.ConfirmedEarlierRevision,
        { Outcome: WitnessRequests.Declined } => WitnessStatus.Declined,
        { WithdrawnAt: not null } => WitnessStatus.Withdrawn,
        { Lapsed: true } => WitnessStatus.Expired,
        _ => WitnessStatus.Waiting,
    };

    /// <summary>"Confirmed by Sam Rivers, Team Leader, 9 March 2027" and the like.</summary>
    public string Describe(WitnessStatus status) => status switch
    {
        WitnessStatus.Confirmed => $"Confirmed by {Name}, {JobTitle}, {AnsweredAt:d MMMM yyyy}",
        WitnessStatus.ConfirmedEarlierRevision =>
            $"Confirmed by {Name}, {JobTitle}, {AnsweredAt:d MMMM yyyy}, for an earlier revision of the text",
        WitnessStatus.Declined => $"Declined by {Name}, {JobTitle}, {AnsweredAt:d MMMM yyyy}",
        WitnessStatus.Withdrawn => $"Request to {Name}, {JobTitle}, withdrawn {WithdrawnAt:d MMMM yyyy}",
        WitnessStatus.Expired => $"Request to {Name}, {JobTitle}, expired {ExpiresAt:d MMMM yyyy} without an answer",
        _ => $"Waiting for {Name}, {JobTitle} (link sent {SentAt:d MMMM yyyy}, works until {ExpiresAt:d MMMM yyyy})",
    };

    /// <summary>The tag words a status shows as.</summary>
    public static string Tag(WitnessStatus status) => status switch
    {
        WitnessStatus.Confirmed => "Confirmed",
        WitnessStatus.ConfirmedEarlierRevision => "Earlier revision",
        WitnessStatus.Declined => "Declined",
        WitnessStatus.Withdrawn => "Withdrawn",
        WitnessStatus.Expired => "Expired",
        _ => "Waiting",
    };
}


/// <summary>An item's witness requests with where each stands now, newest first, as the evidence pages show them.</summary>
public sealed class WitnessList(EvidenceKind kind, IReadOnlyList<WitnessRequest> requests, string currentTextSha256)
{
    public EvidenceKind Kind => kind;

    public IReadOnlyList<(WitnessRequest Request, WitnessStatus Status)> Requests { get; } =
        requests.Select(r => (r, r.StatusFor(currentTextSha256))).ToList();

    /// <summary>A witness confirmed the text as it is now.</summary>
    public bool IsConfirmed => Requests.Any(r => r.Status == WitnessStatus.Confirmed);

    public bool IsWaiting => Requests.Any(r => r.Status == WitnessStatus.Waiting);

    public bool MayBeWitnessed => EvidenceKinds.Witnessable.Contains(kind);

    public static readonly WitnessList None = new(EvidenceKind.OtherDocument, [], "");

    /// <summary>The line the evidence shows: the current confirmation, else where the newest request stands.</summary>
    public string? Summary => Requests.FirstOrDefault(r => r.Status == WitnessStatus.Confirmed) is { Request: not null } c
        ? c.Request.Describe(c.Status)
        : Requests.Count > 0 ? Requests[0].Request.Describe(Requests[0].Status) : null;
}
