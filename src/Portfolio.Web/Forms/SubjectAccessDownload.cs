using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Privacy;

namespace Portfolio.Web.Forms;

/// <summary>Streams everything held about a person as the response, for the person's own download and the administrator's.</summary>
public static class SubjectAccessDownload
{
    public static async Task<IActionResult> SendAsync(PageModel page, SubjectAccess access, long centreId, long personId,
        string name, long viewerId, bool wholeCentre, CancellationToken ct)
    {
        var response = page.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"{MatrixPage.FileName("personal-data", name, ".zip")}\"";
        response.Headers.CacheControl = "private, no-store";
        // The zip writer finishes each entry with synchronous writes; the body is still streamed, never buffered whole.
        page.HttpContext.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await access.WriteAsync(centreId, personId, viewerId, wholeCentre, response.Body, ct);
        return new EmptyResult();
    }
}
