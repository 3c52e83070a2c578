using Portfolio.Text;

namespace Portfolio.Evidence;

/// <summary>How an item's text is shown: its parts rendered, annotations marked where their passages sit.</summary>
public static class EvidenceText
{
    /// <summary>The shown revision's text as HTML, with its text annotations marked.</summary>
    public static RenderedHtml TextHtml(this EvidenceDetail detail) => detail.TextHtml(detail.Revision);

    /// <summary>A revision's text as HTML; annotations are marked only on the revision the detail holds.</summary>
    public static RenderedHtml TextHtml(this EvidenceDetail detail, EvidenceRevision revision) =>
        MarkdownRenderer.ToSafeHtml(revision.Text, revision.Parsed.Sections(detail.Kind),
            revision.Id == detail.Revision.Id ? detail.TextHighlights() : []);
}
