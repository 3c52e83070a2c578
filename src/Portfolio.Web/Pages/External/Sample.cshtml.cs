using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.External;

/// <summary>A sample record in scope, read-only: the decision as sampled and the IQA's outcome.</summary>
public sealed class SampleModel(ExternalAccess access, QualityStore quality) : PageModel
{
    public SampleRecord Sample { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var person = User.Person();
        if (!await access.SampleInScopeAsync(person.CentreId, person.Id, id, ct) || await quality.SampleAsync(person.CentreId, id, ct) is not { } sample)
        {
            return NotFound();
        }
        Sample = sample;
        return Page();
    }
}
