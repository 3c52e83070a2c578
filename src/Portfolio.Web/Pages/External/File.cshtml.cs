using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Storage;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.External;

/// <summary>Downloads a submitted evidence file of a candidate within the external quality assurer's granted scope.</summary>
public sealed class FileModel(ExternalAccess access, EvidenceStore evidence, FileStore files) : FilePage(evidence, files)
{
    protected override bool WholeCentre => true;

    protected override Task<bool> InScopeAsync(SignedInPerson person, long fileId, CancellationToken ct) =>
        access.FileInScopeAsync(person.CentreId, person.Id, fileId, ct);
}
