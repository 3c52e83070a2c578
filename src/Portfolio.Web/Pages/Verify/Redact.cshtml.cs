using Portfolio.Evidence;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Verify;

/// <summary>Redacting a passage of any submitted evidence of the centre, by an internal quality assurer.</summary>
public sealed class RedactModel(EvidenceStore evidence, Redaction redaction) : RedactPage(evidence, redaction)
{
    protected override Redactor Role => Redactor.QualityAssurer;

    public override string EvidenceHref(long id) => $"/Verify/Evidence?id={id}";
}
