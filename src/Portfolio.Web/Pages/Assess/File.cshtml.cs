using Portfolio.Evidence;
using Portfolio.Storage;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Assess;

/// <summary>Downloads a file of a candidate this assessor assesses.</summary>
public sealed class FileModel(EvidenceStore evidence, FileStore files) : FilePage(evidence, files)
{
    protected override bool WholeCentre => false;
}
