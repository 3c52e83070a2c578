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

public sealed class CreateModel(NpgsqlDataSource db, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the person's name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter an email address"), EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
        public string Email { get; set; } = "";

        public string[] Roles { get; set; } = [];
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
        if (ModelState.GetFieldValidationState("Input.Email") == ModelValidationState.Valid
            && !global::Portfolio.Mail.MailAddresses.IsDeliverable(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter an email address like name@example.org");
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
        var name = Input.DisplayName.Trim();
        var id = await Centres.AddPersonAsync(conn, tx, admin.CentreId, admin.Id,
            new Centres.NewPerson(email, name, null, Input.Roles), ct);
        await PersonLinks.IssueAsync(conn, tx, new PersonLinks.Target(id, admin.CentreId, email, name),
            PersonLinks.Invitation, clock.GetUtcNow().UtcDateTime, admin.Id, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        await tx.CommitAsync(ct);
        TempData["Status"] = $"{name} has been added and sent an invitation to {email} to choose their password. "
            + "The link works for 7 days; you can send it again from their page.";
        return RedirectToPage("Index");
    }
}
