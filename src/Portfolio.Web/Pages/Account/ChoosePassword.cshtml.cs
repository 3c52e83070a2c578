using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.People;

namespace Portfolio.Web.Pages.Account;

/// <summary>
/// Where an invitation or a password-reset link lands: a usable link asks for the new password twice; an expired,
/// used, withdrawn or unknown one says so plainly and what to do next.
/// </summary>
public sealed class ChoosePasswordModel(PersonLinks links) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again")]
        public string Confirmation { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public PersonLinks.Found Link { get; private set; } = new(PersonLinks.State.Unknown);

    public bool IsInvitation => Link.Purpose == PersonLinks.Invitation;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Link = await links.FindAsync(Token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Link = await links.FindAsync(Token, ct);
        if (Link.State != PersonLinks.State.Usable)
        {
            return Page();
        }
        if (ModelState.IsValid)
        {
            if (Passwords.Weakness(Input.Password, Link.Person!.Email) is { } weakness)
            {
                ModelState.AddModelError("Input.Password", weakness);
            }
            else if (Input.Password != Input.Confirmation)
            {
                ModelState.AddModelError("Input.Confirmation", "The two passwords are not the same");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Link = await links.ChoosePasswordAsync(Token!, Input.Password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (Link.State != PersonLinks.State.Usable)
        {
            return Page();
        }
        TempData["Status"] = IsInvitation
            ? "Your password is set. Sign in with your email address and your new password."
            : "Your password has been changed and you have been signed out everywhere. Sign in with your new password.";
        return RedirectToPage("SignIn");
    }
}
