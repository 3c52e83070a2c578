using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Storage;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>
/// Downloads a file of the candidate's own evidence. Always an attachment with a safe file name, except pictures
/// asked for inline (shown in the evidence page for region annotation); never HTML, and the type is the one
/// decided from the content at upload.
/// </summary>
public sealed class FileModel(EvidenceStore evidence, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, bool inline, CancellationToken ct)
    {
        var person = User.Person();
        var file = await evidence.FileAsync(person.CentreId, person.Id, id, wholeCentre: false, ct);
        return file is null ? NotFound() : Send(this, files, file, inline);
    }

    /// <summary>Shared by every area's download handler, so the headers are decided in one place.</summary>
    public static IActionResult Send(PageModel page, FileStore files, EvidenceFile file, bool inline)
    {
        var stream = files.OpenRead(file.Sha256);
        if (stream is null)
        {
            return page.NotFound();
        }
        var picture = StoredFileType.FromMimeType(file.MimeType)?.IsPicture == true;
        page.Response.Headers.ContentDisposition = inline && picture ? "inline" : UploadFileName.AttachmentHeader(file.DisplayName);
        page.Response.Headers.CacheControl = "private, no-store";
        return new FileStreamResult(stream, file.MimeType) { EnableRangeProcessing = true };
    }
}
