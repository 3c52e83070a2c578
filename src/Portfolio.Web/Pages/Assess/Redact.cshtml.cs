using Portfolio.Evidence;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Assess;

/// <summary>Redacting a passage of a candidate's evidence, by their assessor, at any time.</summary>
public sealed class RedactModel(EvidenceStore evidence, Redaction redaction) : RedactPage(evidence, redaction)
{
    protected override Redactor Role => Redactor.Assessor;

    public override string EvidenceHref(long id) => $"/Assess/Review?id={id}";
}
