using Portfolio.Rubrics;

namespace Portfolio.Evidence;

/// <summary>
/// Everything the product advises about one revision, shown alike to candidate and assessor. Advice never blocks
/// submission; only the declarations do.
/// </summary>
public sealed record EvidenceAdvice(
    IReadOnlyList<Advice> Smart,
    IReadOnlyList<StageCheck> Structure,
    IReadOnlyList<PersonalDataFinding> PersonalData)
{
    public static EvidenceAdvice For(EvidenceKind kind, EvidenceContent content, string text)
    {
        IReadOnlyList<Advice> smart = kind switch
        {
            EvidenceKind.ActionPlan => SmartAdvice.ForActionPlan(new ActionPlan(
                content.Steps.Select(s => s.ToStep()).ToList(), content.ReviewDate, content.ReviewMethod,
                content.ClientAgreedOn ?? (string.IsNullOrWhiteSpace(content.ClientAgreement) ? null : DateOnly.MinValue))),
            EvidenceKind.DevelopmentPlan => SmartAdvice.ForDevelopmentPlan(new DevelopmentPlan(
                content.Objectives.Select(o => o.ToObjective()).ToList(), content.ReviewDate, content.ReviewMethod)),
            _ => [],
        };
        IReadOnlyList<StageCheck> structure = kind == EvidenceKind.ReflectiveAccount && content.ReflectiveModel is { } model
            ? model.Check(content.Stages)
            : [];
        return new EvidenceAdvice(smart, structure, ConfidentialityCheck.Find(text));
    }

    /// <summary>
    /// Each passage the confidentiality check finds, once, in order: what the advice offers to redact, numbered alike on
    /// the advice and on the redaction page.
    /// </summary>
    public IReadOnlyList<PersonalDataFinding> Redactable() => PersonalData.DistinctBy(f => f.Text).ToList();

    public static IReadOnlyList<PersonalDataFinding> Redactable(string text) => ConfidentialityCheck.Find(text).DistinctBy(f => f.Text).ToList();

    /// <summary>Action plans and progress reviews record work with a client, so they need the client's consent to share.</summary>
    public static bool NeedsClientConsent(EvidenceKind kind) => kind is EvidenceKind.ActionPlan or EvidenceKind.ProgressReview;
}
