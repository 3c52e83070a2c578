using Dapper;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Mail;

namespace Portfolio.People;

/// <summary>
/// One-time links that let a person choose a password without signing in: the invitation a new person is sent
/// (7 days) and the link a forgotten password sends (30 minutes). Only a SHA-256 of each token is kept; a new link
/// withdraws the person's earlier unused one of the same kind; using one ends every session of the person.
/// </summary>
public sealed partial class PersonLinks(NpgsqlDataSource db, TimeProvider clock)
{
    public const string Invitation = "invitation";
    public const string PasswordReset = "password-reset";
    public static readonly TimeSpan InvitationLife = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLife = TimeSpan.FromMinutes(30);

    /// <summary>The page every link opens, with its token.</summary>
    public const string Page = "/Account/ChoosePassword";

    public enum State { Usable, Expired, Used, Withdrawn, Unknown }

    public sealed record Target(long Id, long CentreId, string Email, string DisplayName);

    /// <summary>What a token opens: its state and, when it names one, whose link it is.</summary>
    public sealed record Found(State State, string Purpose = "", Target? Person = null, DateTime? ExpiresAt = null);

    static byte[] HashOf(string token) => OneTimeToken.Hash(token);

    const string WithdrawSql = """
        UPDATE person_links SET revoked_at = @now
        WHERE person_id = @personId AND purpose = ANY(@purposes) AND used_at IS NULL AND revoked_at IS NULL
        """;

    const string InsertSql = """
        INSERT INTO person_links (person_id, purpose, token_hash, created_at, expires_at)
        VALUES (@personId, @purpose, @hash, @now, @expiresAt)
        """;

    /// <summary>
    /// Makes a new link of the kind for the person (withdrawing their earlier unused one) and queues the email that
    /// carries it, inside the caller's transaction; audited.
    /// </summary>
    public static async Task IssueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Target person, string purpose,
        DateTime now, long? actorId, string? remoteAddress, CancellationToken ct = default)
    {
        var token = OneTimeToken.New();
        var life = purpose == Invitation ? InvitationLife : ResetLife;
        await conn.ExecuteAsync(new CommandDefinition(WithdrawSql,
            new { personId = person.Id, purposes = new[] { purpose }, now }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(InsertSql,
            new { personId = person.Id, purpose, hash = HashOf(token), now, expiresAt = now + life }, tx, cancellationToken: ct));
        var centre = await conn.ExecuteScalarAsync<string>(new CommandDefinition(CentreSql, new { person.CentreId }, tx,
            cancellationToken: ct)) ?? "Your centre";
        await Outbox.QueueAsync(conn, tx, MailFor(person, centre, purpose, $"{Page}?token={token}", now + life), ct);
        await AuditTrail.WriteAsync(conn, new AuditEvent(purpose == Invitation ? "invitation.sent" : "password-reset.sent",
            person.CentreId, actorId, "person", person.Id, After: new { expiresAt = now + life },
            RemoteAddress: remoteAddress), tx, ct);
    }

    const string CentreSql = "SELECT name FROM centres WHERE id = @centreId";

    static OutgoingMail MailFor(Target person, string centre, string purpose, string link, DateTime expiresAt) =>
        purpose == Invitation
        ? new(person.Email, person.DisplayName, Invitation, "You have been invited to Portfolio",
            $"{centre} has added you to Portfolio, where portfolio evidence is built, assessed and quality assured. "
            + $"Choose your password to start. The link works once, until {expiresAt:d MMMM yyyy} (UTC).",
            "You were sent this because a centre administrator added this address to Portfolio. If you were not "
            + "expecting it, you can ignore it.", link, "Choose your password", person.CentreId, person.Id)
        : new(person.Email, person.DisplayName, PasswordReset, "Choose a new Portfolio password",
            "Someone asked to reset the password for this address on Portfolio's sign-in page. The link works once, "
            + "for 30 minutes.",
            "You were sent this because a password reset was asked for this address. If it was not you, ignore it: "
            + "your password stays as it is.", link, "Choose a new password", person.CentreId, person.Id);

    const string FindSql = """
        SELECT l.id, l.purpose, l.expires_at, l.used_at, l.revoked_at,
               p.id AS person_id, p.centre_id, p.email, p.display_name, p.active
        FROM person_links l JOIN people p ON p.id = l.person_id
        WHERE l.token_hash = @hash
        """;

    sealed class LinkRow
    {
        public long Id { get; init; }
        public string Purpose { get; init; } = "";
        public DateTime ExpiresAt { get; init; }
        public DateTime? UsedAt { get; init; }
        public DateTime? RevokedAt { get; init; }
        public long PersonId { get; init; }
        public long CentreId { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public bool Active { get; init; }
    }

    static Found Judge(LinkRow? row, DateTime now)
    {
        if (row is null)
        {
            return new Found(State.Unknown);
        }
        var state = row.UsedAt is not null ? State.Used
            : row.RevokedAt is not null || !row.Active ? State.Withdrawn
            : row.ExpiresAt <= now ? State.Expired
            : State.Usable;
        return new Found(state, row.Purpose, new Target(row.PersonId, row.CentreId, row.Email, row.DisplayName), row.ExpiresAt);
    }

    /// <summary>What the token opens now (any text: a tampered or made-up token is simply unknown).</summary>
    public async Task<Found> FindAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new Found(State.Unknown);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(FindSql, new { hash = HashOf(token) },
            cancellationToken: ct));
        return Judge(row, clock.GetUtcNow().UtcDateTime);
    }
}
