using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Account;

public sealed class ChangePasswordModel(Accounts accounts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password")]
        public string Replacement { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again")]
        public string Confirmation { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var person = User.Person();
        if (ModelState.IsValid)
        {
            if (Passwords.Weakness(Input.Replacement, person.Email) is { } weakness)
            {
                ModelState.AddModelError("Input.Replacement", weakness);
            }
            else if (Input.Replacement != Input.Confirmation)
            {
                ModelState.AddModelError("Input.Confirmation", "The two new passwords are not the same");
            }
            else if (Input.Replacement == Input.Current)
            {
                ModelState.AddModelError("Input.Replacement", "The new password must be different from the current one");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await accounts.ChangePasswordAsync(person, Input.Current, Input.Replacement, HttpContext.Connection.RemoteIpAddress?.ToString(), ct))
        {
            ModelState.AddModelError("Input.Current", "Your current password is not right");
            return Page();
        }
        TempData["Status"] = "Your password has been changed. Other browsers where you were signed in have been signed out.";
        return RedirectToPage("/Index");
    }
}
