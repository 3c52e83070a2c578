using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Storage;
using Portfolio.Web.Account;

namespace Portfolio.Web.Forms;

/// <summary>
/// Downloads an evidence file. Always an attachment with a safe file name, except pictures asked for inline (shown
/// in evidence pages for region annotation, as their display copy); never HTML, and the type is the one decided from the content at upload.
/// An area says whether its people see the whole centre's files and may add a scope check of its own.
/// </summary>
public abstract class FilePage(EvidenceStore evidence, FileStore files) : PageModel
{
    /// <summary>True where the role sees every file of the centre (quality assurance); false for the candidate's or assessor's own.</summary>
    protected abstract bool WholeCentre { get; }

    protected virtual Task<bool> InScopeAsync(SignedInPerson person, long fileId, CancellationToken ct) => Task.FromResult(true);

    public async Task<IActionResult> OnGetAsync(long id, bool inline, CancellationToken ct)
    {
        var person = User.Person();
        if (!await InScopeAsync(person, id, ct))
        {
            return NotFound();
        }
        var file = await evidence.FileAsync(person.CentreId, person.Id, id, WholeCentre, ct);
        if (file is null)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        // A picture shown in a page is its display copy (upright, at most FileStore.DisplayEdge pixels, no metadata).
        if (inline && file.IsPicture && files.OpenDisplayCopy(file.Sha256) is { } copy)
        {
            Response.Headers.ContentDisposition = "inline";
            return new FileStreamResult(copy, StoredFileType.Jpeg.MimeType);
        }
        if (files.OpenRead(file.Sha256) is not { } stream)
        {
            return NotFound();
        }
        Response.Headers.ContentDisposition = inline && file.IsPicture ? "inline" : UploadFileName.AttachmentHeader(file.DisplayName);
        return new FileStreamResult(stream, file.MimeType) { EnableRangeProcessing = true };
    }
}
