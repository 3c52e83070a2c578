using Portfolio.Evidence;
using Portfolio.Storage;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>The candidate downloads a file of their own evidence.</summary>
public sealed class FileModel(EvidenceStore evidence, FileStore files) : FilePage(evidence, files)
{
    protected override bool WholeCentre => false;
}
