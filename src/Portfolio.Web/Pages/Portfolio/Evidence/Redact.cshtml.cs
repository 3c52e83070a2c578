using Portfolio.Evidence;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>Redacting a passage of the candidate's own draft evidence (every revision).</summary>
public sealed class RedactModel(EvidenceStore evidence, Redaction redaction) : RedactPage(evidence, redaction)
{
    protected override Redactor Role => Redactor.Candidate;

    public override string EvidenceHref(long id) => $"/Portfolio/Evidence/View?id={id}";
}
