using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Export;

namespace Portfolio.Web.Forms;

/// <summary>Streams a whole portfolio zip as the response, for the candidate's and the administrator's download.</summary>
public static class PortfolioDownload
{
    public static async Task<IActionResult> SendAsync(PageModel page, PortfolioArchive archive, Enrolment enrolment, long viewerId, bool wholeCentre, CancellationToken ct)
    {
        var response = page.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"{MatrixPage.FileName("portfolio", enrolment.CandidateName, ".zip")}\"";
        response.Headers.CacheControl = "private, no-store";
        // The zip writer finishes each entry with synchronous writes; the body is still streamed, never buffered whole.
        page.HttpContext.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await archive.WriteAsync(enrolment, viewerId, wholeCentre, response.Body, ct);
        return new EmptyResult();
    }
}
