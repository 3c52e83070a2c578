using System.Text.Json;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Quality;

/// <summary>A returned review as it was when sampled: the revision's text, files, annotations, mappings and judgements.</summary>
public sealed record ReviewSnapshot(long ItemId, string Kind, string Title, long CandidateId, long EnrolmentId, long RubricVersionId,
    EvidenceRevision Revision, IReadOnlyList<EvidenceFile> Files, IReadOnlyList<EvidenceAnnotation> Annotations,
    IReadOnlyList<EvidenceMapping> Mappings, Review Review, IReadOnlyList<Judgement> Judgements)
{
    /// <summary>The snapshot in the shape the shared evidence partials show.</summary>
    public EvidenceDetail ToDetail()
    {
        EvidenceKinds.TryParse(Kind, out var kind);
        return new EvidenceDetail(ItemId, 0, CandidateId, EnrolmentId, RubricVersionId, kind, Title, Revision,
            [(Revision.Number, Revision.SubmittedAt)], Files, Annotations, Mappings);
    }
}

/// <summary>One marking point of a signed-off element with the judgement that met it.</summary>
public sealed record SignedOffPoint(string Code, string Text, string? Outcome, string? Feedback, string? ItemTitle, int? RevisionNumber, DateTime? JudgedAt);

/// <summary>An element sign-off as it was when sampled.</summary>
public sealed record SignOffSnapshot(string ElementCode, string ElementTitle, string Declaration, DateTime SignedAt, string AssessorName,
    DateTime? CandidateConfirmedAt, IReadOnlyList<SignedOffPoint> Points);

/// <summary>What the sample row's snapshot column holds: exactly one of the two.</summary>
public sealed record DecisionSnapshot(ReviewSnapshot? Review, SignOffSnapshot? SignOff)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DecisionSnapshot FromJson(string json) => JsonSerializer.Deserialize<DecisionSnapshot>(json, Json)
        ?? throw new InvalidOperationException("Empty snapshot.");
}
