using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Export;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Portfolio;

/// <summary>The candidate downloads their whole portfolio as a zip.</summary>
public sealed class ExportModel(EnrolmentStore enrolments, PortfolioArchive archive) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long? enrolmentId, CancellationToken ct)
    {
        var person = User.Person();
        var mine = await enrolments.ListAsync(person.CentreId, candidateId: person.Id, enrolmentId: enrolmentId, ct: ct);
        return mine.Count == 0 ? NotFound() : await PortfolioDownload.SendAsync(this, archive, mine[0], person.Id, wholeCentre: false, ct);
    }
}
