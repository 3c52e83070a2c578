using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Account;

/// <summary>Sign-out is a POST (from the header's button) that ends the session in the database, not only the cookie.</summary>
public sealed class SignOutModel(Accounts accounts) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.TryPerson() is { } person)
        {
            await accounts.SignOutAsync(person, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Account/SignIn");
    }
}
