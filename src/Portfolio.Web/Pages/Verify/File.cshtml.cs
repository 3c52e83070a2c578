using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Storage;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>Downloads any evidence file of the centre, for internal quality assurance.</summary>
public sealed class FileModel(EvidenceStore evidence, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, bool inline, CancellationToken ct)
    {
        var person = User.Person();
        var file = await evidence.FileAsync(person.CentreId, person.Id, id, wholeCentre: true, ct);
        return file is null ? NotFound() : Portfolio.Evidence.FileModel.Send(this, files, file, inline);
    }
}
