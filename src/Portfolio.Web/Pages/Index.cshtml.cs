using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages;

/// <summary>Home: a person with one area goes straight there; a person with several chooses.</summary>
public sealed class IndexModel : PageModel
{
    public IReadOnlyList<Area> Areas { get; private set; } = [];

    public IActionResult OnGet()
    {
        Areas = AreaPolicies.For(User.Person().Roles).ToList();
        return Areas.Count == 1 && TempData.Peek("Status") is null ? Redirect(Areas[0].Folder) : Page();
    }
}
