using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Privacy;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Account;

/// <summary>A signed-in person's own data: what is held, and the download of all of it.</summary>
public sealed class DataModel(SubjectAccess access) : PageModel
{
    public void OnGet()
    {
    }

    public Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var me = User.Person();
        return SubjectAccessDownload.SendAsync(this, access, me.CentreId, me.Id, me.DisplayName, me.Id, wholeCentre: false, ct);
    }
}
