using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Portfolio.Audit;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.People;

/// <summary>The invitation of a person who has not chosen a password yet: its state, sending it again, withdrawing it.</summary>
public sealed partial class EditModel
{
    /// <summary>Where a person's invitation stands; null once they have a password.</summary>
    public sealed class InvitationStatus
    {
        public DateTime? SentAt { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public bool Withdrawn { get; init; }
    }

    public InvitationStatus? Invitation { get; private set; }

    public bool InvitationExpired => Invitation?.ExpiresAt <= clock.GetUtcNow().UtcDateTime;

    const string InvitationSql = """
        SELECT l.created_at AS sent_at, l.expires_at, l.revoked_at IS NOT NULL AS withdrawn
        FROM people p
        LEFT JOIN LATERAL (SELECT created_at, expires_at, revoked_at FROM person_links
                           WHERE person_id = p.id AND purpose = 'invitation'
                           ORDER BY created_at DESC, id DESC LIMIT 1) l ON true
        WHERE p.id = @id AND p.password_hash IS NULL
        """;

    static Task<InvitationStatus?> InvitationOfAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<InvitationStatus?>(new CommandDefinition(InvitationSql, new { id }, tx,
            cancellationToken: ct));

    public async Task<IActionResult> OnPostResendInvitationAsync(long id, CancellationToken ct)
    {
        var admin = User.Person();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await FindAsync(conn, tx, id, ct) is not { } person)
        {
            return NotFound();
        }
        if (Invitation is null || !person.Active)
        {
            TempData["Status"] = $"{person.DisplayName} has chosen a password or is inactive: no invitation was sent.";
            return RedirectToPage(new { id });
        }
        await PersonLinks.IssueAsync(conn, tx, new PersonLinks.Target(id, admin.CentreId, person.Email, person.DisplayName),
            PersonLinks.Invitation, clock.GetUtcNow().UtcDateTime, admin.Id, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        await tx.CommitAsync(ct);
        TempData["Status"] = $"A new invitation has been sent to {person.Email}. Earlier links no longer work.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostWithdrawInvitationAsync(long id, CancellationToken ct)
    {
        var admin = User.Person();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await FindAsync(conn, tx, id, ct) is not { } person)
        {
            return NotFound();
        }
        var withdrawn = await PersonLinks.WithdrawInvitationAsync(conn, tx, id, clock.GetUtcNow().UtcDateTime, ct);
        if (withdrawn > 0)
        {
            await AuditTrail.WriteAsync(conn, new AuditEvent("invitation.withdrawn", admin.CentreId, admin.Id, "person", id,
                RemoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString()), tx, ct);
        }
        await tx.CommitAsync(ct);
        TempData["Status"] = withdrawn > 0
            ? $"{person.DisplayName}'s invitation has been withdrawn; its link no longer works."
            : $"{person.DisplayName} had no invitation waiting to be used.";
        return RedirectToPage(new { id });
    }
}
