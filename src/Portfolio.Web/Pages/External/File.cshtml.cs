using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Quality;
using Portfolio.Storage;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.External;

/// <summary>Downloads a submitted evidence file of a candidate in scope.</summary>
public sealed class FileModel(ExternalAccess access, EvidenceStore evidence, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, bool inline, CancellationToken ct)
    {
        var person = User.Person();
        if (!await access.FileInScopeAsync(person.CentreId, person.Id, id, ct))
        {
            return NotFound();
        }
        var file = await evidence.FileAsync(person.CentreId, person.Id, id, wholeCentre: true, ct);
        return file is null ? NotFound() : Portfolio.Evidence.FileModel.Send(this, files, file, inline);
    }
}
