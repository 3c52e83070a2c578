using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Account;

public sealed class SignInModel(Accounts accounts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await accounts.AttemptSignInAsync(Input.Email, Input.Password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        switch (result.Outcome)
        {
            case Accounts.Outcome.SignedIn:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, PersonPrincipal.From(result.Person!));
                return LocalRedirect(SafeReturnUrl);
            case Accounts.Outcome.LockedOut:
                var minutes = Math.Max(1, (int)Math.Ceiling((result.LockedUntil!.Value - DateTime.UtcNow).TotalMinutes));
                ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Email),
                    $"This account is locked after too many wrong passwords. Try again in {minutes} minutes, or ask your centre administrator.");
                return Page();
            default:
                ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Email), "The email address or password is not right");
                return Page();
        }
    }

    string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
