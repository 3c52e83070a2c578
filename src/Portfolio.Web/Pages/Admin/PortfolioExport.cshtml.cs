using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Export;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Admin;

/// <summary>An administrator downloads a candidate's whole portfolio as a zip (for an awarding organisation, or on leaving).</summary>
public sealed class PortfolioExportModel(EnrolmentStore enrolments, PortfolioArchive archive) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long enrolmentId, CancellationToken ct)
    {
        var person = User.Person();
        var found = await enrolments.ListAsync(person.CentreId, enrolmentId: enrolmentId, ct: ct);
        return found.Count == 0 ? NotFound() : await PortfolioDownload.SendAsync(this, archive, found[0], person.Id, wholeCentre: true, ct);
    }
}
