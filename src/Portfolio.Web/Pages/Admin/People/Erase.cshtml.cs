using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Privacy;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.People;

/// <summary>An erasure request: the administrator erases a person's personal data, giving the reason.</summary>
public sealed class EraseModel(Erasure erasure) : PageModel
{
    public sealed class EraseInput
    {
        [Required(ErrorMessage = "Enter the reason for the erasure")]
        public string Reason { get; set; } = "";

        public string? OverrideReason { get; set; }
    }

    public EraseInput Input { get; set; } = new();
    public ErasureCheck Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await erasure.CheckAsync(User.Person().CentreId, id, ct) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        await TryUpdateModelAsync(Input, nameof(Input));
        var admin = User.Person();
        if (await erasure.CheckAsync(admin.CentreId, id, ct) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        if (id == admin.Id)
        {
            ModelState.AddModelError("", "You cannot erase yourself; ask another administrator");
        }
        if (person.Blockers.Count > 0 && string.IsNullOrWhiteSpace(Input.OverrideReason))
        {
            ModelState.AddModelError("Input.OverrideReason", "Enter why the erasure should go ahead despite what is listed");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await erasure.EraseAsync(admin.CentreId, id, admin.Id, Erasure.Kind.Request, Input.Reason, Input.OverrideReason,
            HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.Erased)
        {
            ModelState.AddModelError("", result.Refusal!);
            Person = await erasure.CheckAsync(admin.CentreId, id, ct) ?? person;
            return Page();
        }
        TempData["Status"] = $"{person.DisplayName}'s personal data has been erased; they are now \u201cErased person {id}\u201d.";
        return RedirectToPage("Index");
    }
}
