using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.People;

/// <summary>A signed-in person as the site knows them for the length of a session.</summary>
public sealed record SignedInPerson(long Id, long CentreId, string Email, string DisplayName, string[] Roles, Guid SessionId);

/// <summary>
/// A session found live on this request, with the person's unread notifications for the page header and the version of
/// everything their pages show (their portfolio, their caseload; null before any), for pages that cache; and the moment it
/// ends unless a later request is seen (the idle limit) or in any case (the absolute limit), whichever comes first.
/// </summary>
public sealed record LiveSession(SignedInPerson Person, int UnreadNotifications, long? PageVersion, DateTime LiveUntil);

/// <summary>How long a sign-in lasts: ended after <paramref name="Idle"/> without a request, and after <paramref name="Absolute"/> in any case.</summary>
public sealed record SessionLimits(TimeSpan Idle, TimeSpan Absolute)
{
    public static readonly SessionLimits Default = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(12));
}

/// <summary>Checks a password attempt, applies lockout, starts and ends sign-in sessions; every outcome audited.</summary>
public sealed class Accounts(NpgsqlDataSource db, TimeProvider clock, SessionLimits limits)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    public enum Outcome { SignedIn, WrongEmailOrPassword, LockedOut }

    public sealed record Result(Outcome Outcome, SignedInPerson? Person = null, DateTime? LockedUntil = null);

    // Dapper fills rows through setters: text[] and nullable timestamps do not bind to positional constructors.
    sealed class PersonRow
    {
        public long Id { get; init; }
        public long CentreId { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? PasswordHash { get; init; }
        public string[] Roles { get; init; } = [];
        public int FailedSignIns { get; init; }
        public DateTime? LockedUntil { get; init; }
        public Guid SessionId { get; init; }
        public DateTime StartedAt { get; init; }
        public DateTime LastSeenAt { get; init; }
        public int UnreadNotifications { get; init; }
        public long? PageVersion { get; init; }

        public SignedInPerson ToPerson(Guid sessionId) => new(Id, CentreId, Email, DisplayName, Roles, sessionId);
    }

    const string FindSql = """
        SELECT id, centre_id, email, display_name, password_hash, roles, failed_sign_ins, locked_until
        FROM people WHERE email = @email AND active
        FOR UPDATE
        """;

    const string FailedSql = "UPDATE people SET failed_sign_ins = @failed, locked_until = @lockedUntil WHERE id = @id";

    const string SucceededSql = """
        UPDATE people SET failed_sign_ins = 0, locked_until = NULL, password_hash = coalesce(@newHash, password_hash) WHERE id = @id;
        INSERT INTO sign_in_sessions (id, person_id, started_at, last_seen_at, remote_address) VALUES (@sessionId, @id, @now, @now, @remote);
        """;

    public async Task<Result> AttemptSignInAsync(string email, string password, string? remoteAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        email = email.Trim().ToLowerInvariant();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var person = await conn.QuerySingleOrDefaultAsync<PersonRow>(new CommandDefinition(FindSql, new { email }, tx, cancellationToken: ct));
        // An invited person who has not chosen a password yet cannot sign in, and is answered like an unknown address.
        if (person is null || string.IsNullOrEmpty(person.PasswordHash))
        {
            Passwords.SpendDecoyTime(password);
            await AuditTrail.WriteAsync(conn, new AuditEvent("sign-in.failed", person?.CentreId, person?.Id,
                After: new { email, reason = person is null ? "unknown email" : "no password chosen yet" }, RemoteAddress: remoteAddress), tx, ct);
            await tx.CommitAsync(ct);
            return new Result(Outcome.WrongEmailOrPassword);
        }
        var audit = (string action, object details) =>
            AuditTrail.WriteAsync(conn, new AuditEvent(action, person.CentreId, person.Id, "person", person.Id, After: details, RemoteAddress: remoteAddress), tx, ct);
        if (person.LockedUntil > now)
        {
            await audit("sign-in.refused-locked", new { lockedUntil = person.LockedUntil });
            await tx.CommitAsync(ct);
            return new Result(Outcome.LockedOut, LockedUntil: person.LockedUntil);
        }
        var (matches, needsRehash) = Passwords.Verify(person.PasswordHash!, password);
        if (!matches)
        {
            var failed = person.FailedSignIns + 1;
            DateTime? lockedUntil = failed >= MaxFailedAttempts ? now + LockoutPeriod : null;
            await conn.ExecuteAsync(new CommandDefinition(FailedSql, new { id = person.Id, failed = lockedUntil is null ? failed : 0, lockedUntil }, tx, cancellationToken: ct));
            await audit("sign-in.failed", new { reason = "wrong password", failedAttempts = failed });
            if (lockedUntil is not null)
            {
                await audit("account.locked-out", new { lockedUntil });
            }
            await tx.CommitAsync(ct);
            return lockedUntil is null ? new Result(Outcome.WrongEmailOrPassword) : new Result(Outcome.LockedOut, LockedUntil: lockedUntil);
        }
        var sessionId = Guid.NewGuid();
        await conn.ExecuteAsync(new CommandDefinition(SucceededSql, new
        {
            id = person.Id,
            newHash = needsRehash ? Passwords.Hash(password) : null,
            sessionId,
            now,
            remote = remoteAddress,
        }, tx, cancellationToken: ct));
        await audit("sign-in.succeeded", new { sessionId });
        await tx.CommitAsync(ct);
        return new Result(Outcome.SignedIn, person.ToPerson(sessionId));
    }

    // The header's unread-notification count and the version of everything the person's pages show ride along with the
    // session check: one round trip for all of them on every page. Any write to an enrolment changes the version of its
    // candidate and its assessor, before and after, in the same transaction (migration M202611231000).
    const string CurrentSql = """
        SELECT p.id, p.centre_id, p.email, p.display_name, p.roles, s.id AS session_id, s.started_at, s.last_seen_at,
               (SELECT count(*) FROM notifications n WHERE n.person_id = p.id AND n.read_at IS NULL)::int AS unread_notifications,
               (SELECT v.version FROM person_versions v WHERE v.person_id = p.id) AS page_version
        FROM sign_in_sessions s JOIN people p ON p.id = s.person_id
        WHERE s.id = @sessionId AND s.ended_at IS NULL AND p.active
        """;

    const string SeenSql = "UPDATE sign_in_sessions SET last_seen_at = @now WHERE id = @sessionId";
    const string EndSql = "UPDATE sign_in_sessions SET ended_at = @now WHERE id = @sessionId AND ended_at IS NULL";

    /// <summary>
    /// The person behind a live session, with their current roles and unread notifications; null once the session has
    /// ended, been idle too long or lasted too long. Last-seen is written at most once a minute, so most requests cost one read.
    /// </summary>
    public async Task<LiveSession?> CurrentAsync(Guid sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Checked on every request, so a connection broken by a database restart is retried here once.
        var row = await Database.TransientReads.RetryOnceAsync(async () =>
        {
            await using var read = await db.OpenConnectionAsync(ct);
            return await read.QuerySingleOrDefaultAsync<PersonRow>(new CommandDefinition(CurrentSql, new { sessionId }, cancellationToken: ct));
        });
        if (row is null)
        {
            return null;
        }
        if (now - row.LastSeenAt > limits.Idle || now - row.StartedAt > limits.Absolute)
        {
            await WriteAsync(EndSql, new { sessionId, now }, ct);
            return null;
        }
        var seen = row.LastSeenAt;
        if (now - seen > TimeSpan.FromMinutes(1))
        {
            await WriteAsync(SeenSql, new { sessionId, now }, ct);
            seen = now;
        }
        var liveUntil = new[] { seen + limits.Idle, row.StartedAt + limits.Absolute }.Min();
        return new LiveSession(row.ToPerson(row.SessionId), row.UnreadNotifications, row.PageVersion, liveUntil);
    }

    async Task WriteAsync(string sql, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }

    public async Task SignOutAsync(SignedInPerson person, string? remoteAddress, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(EndSql, new { sessionId = person.SessionId, now = clock.GetUtcNow().UtcDateTime }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("sign-out", person.CentreId, person.Id, "person", person.Id, After: new { person.SessionId }, RemoteAddress: remoteAddress), tx, ct);
        await tx.CommitAsync(ct);
    }

    const string PasswordSql = "SELECT password_hash FROM people WHERE id = @id FOR UPDATE";

    const string ChangePasswordSql = """
        UPDATE people SET password_hash = @hash WHERE id = @id;
        UPDATE sign_in_sessions SET ended_at = @now WHERE person_id = @id AND id <> @sessionId AND ended_at IS NULL;
        """;

    /// <summary>Changes the password when the current one is right, and ends the person's other sessions.</summary>
    public async Task<bool> ChangePasswordAsync(SignedInPerson person, string current, string replacement, string? remoteAddress, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var hash = await conn.ExecuteScalarAsync<string>(new CommandDefinition(PasswordSql, new { id = person.Id }, tx, cancellationToken: ct));
        if (hash is null || !Passwords.Verify(hash, current).Matches)
        {
            await AuditTrail.WriteAsync(conn, new AuditEvent("password.change-refused", person.CentreId, person.Id, "person", person.Id, After: new { reason = "current password wrong" }, RemoteAddress: remoteAddress), tx, ct);
            await tx.CommitAsync(ct);
            return false;
        }
        await conn.ExecuteAsync(new CommandDefinition(ChangePasswordSql, new
        {
            id = person.Id,
            hash = Passwords.Hash(replacement),
            now = clock.GetUtcNow().UtcDateTime,
            sessionId = person.SessionId,
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("password.changed", person.CentreId, person.Id, "person", person.Id, After: new { otherSessionsEnded = true }, RemoteAddress: remoteAddress), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
