using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Audit;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.People;

public sealed partial class EditModel(NpgsqlDataSource db, TimeProvider clock) : PageModel
{
    public sealed class DetailsInput
    {
        [Required(ErrorMessage = "Enter the person's name")]
        public string DisplayName { get; set; } = "";

        public string[] Roles { get; set; } = [];

        public bool Active { get; set; }

        /// <summary>What the form was loaded with (<see cref="Fingerprint"/>), to refuse a save over someone else's change.</summary>
        public string Loaded { get; set; } = "";
    }

    // Compared by content, not xmin: signing in updates the row too, and that is no reason to refuse a save.
    static string Fingerprint(IndexModel.PersonRow p) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"{p.DisplayName}\n{string.Join(',', p.Roles)}\n{p.Active}")))[..16];

    static DetailsInput DetailsOf(IndexModel.PersonRow p) =>
        new() { DisplayName = p.DisplayName, Roles = p.Roles, Active = p.Active, Loaded = Fingerprint(p) };

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter the new password")]
        public string Password { get; set; } = "";
    }

    // The two forms post separately, so each handler binds only its own.
    public DetailsInput Details { get; set; } = new();
    public PasswordInput NewPassword { get; set; } = new();
    public string Email { get; private set; } = "";
    public long Id { get; private set; }

    public static IEnumerable<SelectListItem> ActiveChoice => [new("They can sign in (active)", bool.TrueString)];

    // Locks the row inside a save's transaction; on its own (viewing) the lock ends with the statement.
    const string PersonSql = "SELECT id, display_name, email, roles, active FROM people WHERE id = @id AND centre_id = @centreId FOR UPDATE";

    async Task<IndexModel.PersonRow?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct)
    {
        Id = id;
        var person = await conn.QuerySingleOrDefaultAsync<IndexModel.PersonRow>(new CommandDefinition(PersonSql,
            new { id, centreId = User.Person().CentreId }, tx, cancellationToken: ct));
        if (person is not null)
        {
            Invitation = await InvitationOfAsync(conn, tx, id, ct);
        }
        return person;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await FindAsync(conn, null, id, ct) is not { } person)
        {
            return NotFound();
        }
        (Email, Details) = (person.Email, DetailsOf(person));
        return Page();
    }

    const string UpdateSql = "UPDATE people SET display_name = @displayName, roles = @roles, active = @active WHERE id = @id";
    const string EndSessionsSql = "UPDATE sign_in_sessions SET ended_at = now() WHERE person_id = @id AND ended_at IS NULL";

    public async Task<IActionResult> OnPostDetailsAsync(long id, CancellationToken ct)
    {
        await TryUpdateModelAsync(Details, nameof(Details));
        CreateModel.CheckRoles(ModelState, "Details.Roles", Details.Roles);
        var admin = User.Person();
        if (id == admin.Id && (!Details.Roles.Contains(Role.CentreAdministrator) || !Details.Active))
        {
            ModelState.AddModelError("Details.Roles", "You cannot remove your own administrator role or deactivate yourself; ask another administrator");
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await FindAsync(conn, tx, id, ct) is not { } before)
        {
            return NotFound();
        }
        Email = before.Email;
        if (Details.Loaded != Fingerprint(before))
        {
            ModelState.AddModelError("", $"Someone else changed this person while you were editing. They are now: {before.DisplayName}; " +
                $"{string.Join(", ", before.Roles.Select(Role.DisplayName))}; {(before.Active ? "active" : "inactive")}. Your changes are below: save again to keep them.");
            Details.Loaded = Fingerprint(before);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var after = new { displayName = Details.DisplayName.Trim(), roles = Details.Roles.Distinct().ToArray(), active = Details.Active };
        await conn.ExecuteAsync(new CommandDefinition(UpdateSql, new { id, after.displayName, after.roles, after.active }, tx, cancellationToken: ct));
        if (!after.active)
        {
            await conn.ExecuteAsync(new CommandDefinition(EndSessionsSql, new { id }, tx, cancellationToken: ct));
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("person.updated", admin.CentreId, admin.Id, "person", id,
            Before: new { before.DisplayName, before.Roles, before.Active }, After: after), tx, ct);
        await tx.CommitAsync(ct);
        TempData["Status"] = $"{after.displayName}'s details have been saved.";
        return RedirectToPage("Index");
    }

    const string SetPasswordSql = "UPDATE people SET password_hash = @hash, failed_sign_ins = 0, locked_until = NULL WHERE id = @id";

    public async Task<IActionResult> OnPostPasswordAsync(long id, CancellationToken ct)
    {
        await TryUpdateModelAsync(NewPassword, nameof(NewPassword));
        var admin = User.Person();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await FindAsync(conn, tx, id, ct) is not { } person)
        {
            return NotFound();
        }
        (Email, Details) = (person.Email, DetailsOf(person));
        if (ModelState.IsValid && Passwords.Weakness(NewPassword.Password, person.Email) is { } weakness)
        {
            ModelState.AddModelError("NewPassword.Password", weakness);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await conn.ExecuteAsync(new CommandDefinition(SetPasswordSql, new { id, hash = Passwords.Hash(NewPassword.Password) }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(EndSessionsSql, new { id }, tx, cancellationToken: ct));
        // A password set here replaces any invitation still waiting: its link must not change the password later.
        await PersonLinks.WithdrawInvitationAsync(conn, tx, id, clock.GetUtcNow().UtcDateTime, ct);
        await AuditTrail.WriteAsync(conn, new AuditEvent("person.password-set", admin.CentreId, admin.Id, "person", id), tx, ct);
        await tx.CommitAsync(ct);
        TempData["Status"] = $"{person.DisplayName} has a new password and has been signed out everywhere.";
        return RedirectToPage("Index");
    }
}
