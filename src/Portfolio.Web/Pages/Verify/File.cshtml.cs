using Portfolio.Evidence;
using Portfolio.Storage;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Verify;

/// <summary>Downloads any evidence file of the centre, for internal quality assurance.</summary>
public sealed class FileModel(EvidenceStore evidence, FileStore files) : FilePage(evidence, files)
{
    protected override bool WholeCentre => true;
}
