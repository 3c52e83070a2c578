using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.External;

/// <summary>The verification report of the samples in scope, as Excel.</summary>
public sealed class ReportModel(QualityStore quality, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("Index");

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var person = User.Person();
        var samples = await quality.SamplesAsync(person.CentreId, new SampleFilter(SeenByEqa: person.Id), ct);
        if (samples.Count == 0)
        {
            return NotFound();
        }
        var stream = new MemoryStream();
        VerificationReport.Write(samples, stream);
        stream.Position = 0;
        return File(stream, VerificationReport.ContentType, VerificationReport.FileName(clock.GetUtcNow().UtcDateTime));
    }
}
