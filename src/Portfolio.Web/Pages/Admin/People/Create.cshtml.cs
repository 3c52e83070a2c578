using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.People;

public sealed class CreateModel(NpgsqlDataSource db) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the person's name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter an email address"), EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
        public string Email { get; set; } = "";

        public string[] Roles { get; set; } = [];

        [Required(ErrorMessage = "Enter a password to give them")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Every role as a checkbox choice; the edit page offers the same.</summary>
    public static IEnumerable<SelectListItem> RoleChoices => Role.All.Select(r => new SelectListItem(Role.DisplayName(r), r));

    /// <summary>Reports a role list with no roles, or with one the site does not know.</summary>
    public static void CheckRoles(ModelStateDictionary state, string key, string[] roles)
    {
        if (roles.Length == 0 || !roles.All(Role.IsKnown))
        {
            state.AddModelError(key, "Choose at least one role");
        }
    }

    public void OnGet()
    {
    }

    const string EmailTakenSql = "SELECT EXISTS (SELECT 1 FROM people WHERE email = @email)";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CheckRoles(ModelState, "Input.Roles", Input.Roles);
        if (Passwords.Weakness(Input.Password, Input.Email) is { } weakness)
        {
            ModelState.AddModelError("Input.Password", weakness);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var admin = User.Person();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var email = Input.Email.Trim().ToLowerInvariant();
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EmailTakenSql, new { email }, tx, cancellationToken: ct)))
        {
            ModelState.AddModelError("Input.Email", "Someone already has this email address; each person needs their own");
            return Page();
        }
        await Centres.AddPersonAsync(conn, tx, admin.CentreId, admin.Id, new Centres.NewPerson(email, Input.DisplayName, Input.Password, Input.Roles), ct);
        await tx.CommitAsync(ct);
        TempData["Status"] = $"{Input.DisplayName.Trim()} has been added. Give them their email address and password; they can change the password after signing in.";
        return RedirectToPage("Index");
    }
}
