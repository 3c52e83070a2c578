using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.People;

namespace Portfolio.Web.Pages.Account;

/// <summary>
/// Asks for a link to choose a new password. The answer is the same whether or not the address has an account;
/// requests are rate-limited per address (SignIn:AttemptsPerMinute) and per person (<see cref="PersonLinks.ResetsPerHour"/>).
/// </summary>
public sealed class ForgotPasswordModel(PersonLinks links) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await links.RequestResetAsync(Input.Email, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        return RedirectToPage(new { sent = true });
    }
}
