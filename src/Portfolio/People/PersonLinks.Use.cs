using Dapper;
using Portfolio.Audit;

namespace Portfolio.People;

public sealed partial class PersonLinks
{
    const string SetPasswordSql = """
        UPDATE people SET password_hash = @hash, failed_sign_ins = 0, locked_until = NULL WHERE id = @personId;
        UPDATE person_links SET used_at = @now WHERE id = @linkId;
        UPDATE person_links SET revoked_at = @now
        WHERE person_id = @personId AND id <> @linkId AND used_at IS NULL AND revoked_at IS NULL;
        UPDATE sign_in_sessions SET ended_at = @now WHERE person_id = @personId AND ended_at IS NULL;
        """;

    /// <summary>
    /// Sets the person's password from a usable link, marks it used, withdraws their other links and ends every
    /// session they have; the link is re-read under a row lock so two uses at once cannot both succeed.
    /// Returns the link's state as found (only <see cref="State.Usable"/> changed anything).
    /// </summary>
    public async Task<Found> ChoosePasswordAsync(string token, string password, string? remoteAddress,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(FindSql + " FOR UPDATE OF l",
            new { hash = HashOf(token) }, tx, cancellationToken: ct));
        var found = Judge(row, now);
        if (found.State != State.Usable)
        {
            return found;
        }
        await conn.ExecuteAsync(new CommandDefinition(SetPasswordSql,
            new { hash = Passwords.Hash(password), personId = row!.PersonId, linkId = row.Id, now }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent(
            row.Purpose == Invitation ? "invitation.accepted" : "password.reset", row.CentreId, row.PersonId, "person",
            row.PersonId, After: new { sessionsEnded = true }, RemoteAddress: remoteAddress), tx, ct);
        await tx.CommitAsync(ct);
        return found;
    }

    const string PersonByEmailSql = """
        SELECT id, centre_id, email, display_name FROM people WHERE email = @email AND active FOR UPDATE
        """;

    const string RecentResetsSql = """
        SELECT count(*)::int FROM person_links
        WHERE person_id = @personId AND purpose = 'password-reset' AND created_at > @since
        """;

    /// <summary>At most this many reset links an hour for one person, however many addresses ask.</summary>
    public const int ResetsPerHour = 3;

    /// <summary>
    /// Sends a reset link when the address belongs to an active person who has not had too many lately. The caller
    /// answers the same whatever happened, so the form never tells whether an address has an account.
    /// </summary>
    public async Task RequestResetAsync(string email, string? remoteAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        email = email.Trim().ToLowerInvariant();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var person = await conn.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(PersonByEmailSql, new { email }, tx,
            cancellationToken: ct));
        if (person is null)
        {
            await AuditTrail.WriteAsync(conn, new AuditEvent("password-reset.unknown-email", null, null,
                After: new { email }, RemoteAddress: remoteAddress), tx, ct);
        }
        else if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(RecentResetsSql,
                     new { personId = person.Id, since = now.AddHours(-1) }, tx, cancellationToken: ct)) >= ResetsPerHour)
        {
            await AuditTrail.WriteAsync(conn, new AuditEvent("password-reset.refused-too-many", person.CentreId, null,
                "person", person.Id, RemoteAddress: remoteAddress), tx, ct);
        }
        else
        {
            await IssueAsync(conn, tx, person, PasswordReset, now, null, remoteAddress, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Withdraws the person's unused invitation links inside the caller's transaction; how many.</summary>
    public static Task<int> WithdrawInvitationAsync(Npgsql.NpgsqlConnection conn, Npgsql.NpgsqlTransaction tx,
        long personId, DateTime now, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(WithdrawSql, new { personId, purposes = new[] { Invitation }, now }, tx,
            cancellationToken: ct));
}
