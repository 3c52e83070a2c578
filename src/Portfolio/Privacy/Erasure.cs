using Dapper;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Storage;

namespace Portfolio.Privacy;

/// <summary>Why a person's data cannot be erased now; an administrator may override those that allow it.</summary>
public sealed record ErasureBlocker(string Reason, bool CanOverride);

/// <summary>Who is to be erased and what stands in the way.</summary>
public sealed record ErasureCheck(long PersonId, string DisplayName, string Email, DateTime? ErasedAt, IReadOnlyList<ErasureBlocker> Blockers);

/// <summary>What an erasure did: the files no longer held for anyone, removed from the store after the commit.</summary>
public sealed record ErasureResult(bool Erased, string? Refusal, int FilesRemoved = 0);

/// <summary>
/// Erases a person's personal data everywhere Portfolio holds it, in one transaction: their name, email and password,
/// evidence text, files, annotations, claims' reasons, feedback they wrote or received, notifications, sign-in sessions,
/// sampled snapshots and the content of audit events about them or by them (the events themselves stay). What each
/// column holds and how erasure reaches it is listed in <see cref="PersonalData"/>. A file whose content another person
/// also uploaded is kept for them. Files are removed after the commit; if the process dies first, the file sweep
/// removes them (nothing refers to them any more).
/// </summary>
public sealed partial class Erasure(NpgsqlDataSource db, FileStore files)
{
    public enum Kind { Request, Disposal }

    const string PersonSql = """
        SELECT id AS person_id, display_name, email, erased_at FROM people
        WHERE id = @personId AND centre_id = @centreId
        """;

    const string PersonForUpdateSql = PersonSql + " FOR UPDATE";

    const string UnderAssessmentSql = """
        SELECT DISTINCT q.title FROM enrolments e
        JOIN LATERAL (SELECT i.title FROM assessment_queue a JOIN evidence_items i ON i.id = a.item_id
                      WHERE a.enrolment_id = e.id ORDER BY a.submitted_at LIMIT 3) q ON true
        WHERE e.candidate_id = @personId
        """;

    const string HoldsSql = """
        SELECT h.reason FROM legal_holds h
        WHERE h.released_at IS NULL
          AND (h.person_id = @personId OR h.enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId))
        ORDER BY h.placed_at
        """;

    sealed class PersonRow
    {
        public long PersonId { get; init; }
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public DateTime? ErasedAt { get; init; }
    }

    /// <summary>The person and what stands in the way of erasing them; null when they are not the centre's.</summary>
    public async Task<ErasureCheck?> CheckAsync(long centreId, long personId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await CheckAsync(conn, null, PersonSql, centreId, personId, ct);
    }

    /// <summary>The check on the caller's transaction, locking the person row until it ends.</summary>
    internal static Task<ErasureCheck?> CheckForUpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long centreId, long personId,
        CancellationToken ct) => CheckAsync(conn, tx, PersonForUpdateSql, centreId, personId, ct);

    static async Task<ErasureCheck?> CheckAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string personSql,
        long centreId, long personId, CancellationToken ct)
    {
        var args = new { centreId, personId };
        var person = await conn.QuerySingleOrDefaultAsync<PersonRow>(new CommandDefinition(personSql, args, tx, cancellationToken: ct));
        if (person is null)
        {
            return null;
        }
        var blockers = new List<ErasureBlocker>();
        var waiting = (await conn.QueryAsync<string>(new CommandDefinition(UnderAssessmentSql, args, tx, cancellationToken: ct))).ToList();
        if (waiting.Count > 0)
        {
            blockers.Add(new ErasureBlocker(
                $"Evidence is under assessment: {string.Join(", ", waiting.Select(t => $"\u201c{t}\u201d"))}.", true));
        }
        foreach (var reason in await conn.QueryAsync<string>(new CommandDefinition(HoldsSql, args, tx, cancellationToken: ct)))
        {
            blockers.Add(new ErasureBlocker($"On legal hold: {reason}", true));
        }
        return new ErasureCheck(person.PersonId, person.DisplayName, person.Email, person.ErasedAt, blockers);
    }

    /// <summary>
    /// Erases the person unless something stands in the way and no override reason is given. A refusal or a failure
    /// changes nothing and says why.
    /// </summary>
    public async Task<ErasureResult> EraseAsync(long centreId, long personId, long? actorId, Kind kind, string reason,
        string? overrideReason, string? remoteAddress = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ErasureResult(false, "Give the reason for the erasure.");
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var check = await CheckAsync(conn, tx, PersonForUpdateSql, centreId, personId, ct);
        if (check is null)
        {
            return new ErasureResult(false, "There is no such person in this centre.");
        }
        if (check.ErasedAt is not null)
        {
            return new ErasureResult(false, $"This person was already erased on {check.ErasedAt:d MMMM yyyy}.");
        }
        if (check.Blockers.Count > 0 && string.IsNullOrWhiteSpace(overrideReason))
        {
            return new ErasureResult(false, string.Join(" ", check.Blockers.Select(b => b.Reason))
                + " Give a reason to override, or wait.");
        }
        IReadOnlyList<string> removed;
        try
        {
            removed = await EraseInsideAsync(conn, tx, centreId, check, actorId, kind, reason.Trim(),
                check.Blockers.Count > 0 ? overrideReason!.Trim() : null, remoteAddress, ct);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e)
        {
            return new ErasureResult(false, $"Nothing was erased: the database refused the erasure ({e.MessageText}).");
        }
        return new ErasureResult(true, null, RemoveFiles(removed));
    }

    /// <summary>Removes files no row refers to any more; what cannot be removed now the file sweep removes later.</summary>
    internal int RemoveFiles(IEnumerable<string> hashes)
    {
        var count = 0;
        foreach (var sha in hashes)
        {
            try
            {
                count += files.Delete(sha) ? 1 : 0;
            }
            catch (IOException)
            {
                // Left for the file sweep, which removes stored files that no row refers to.
            }
        }
        return count;
    }

    /// <summary>The erasure itself, on the caller's transaction; returns the hashes of files to remove after the commit.</summary>
    internal static async Task<IReadOnlyList<string>> EraseInsideAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        long centreId, ErasureCheck person, long? actorId, Kind kind, string reason, string? overrideReason,
        string? remoteAddress, CancellationToken ct)
    {
        var args = new
        {
            centreId,
            personId = person.PersonId,
            name = person.DisplayName,
            email = person.Email,
            kind = kind == Kind.Request ? "request" : "disposal",
            reason,
            overrideReason,
            actorId,
        };
        await conn.ExecuteAsync(new CommandDefinition(RecordSql, args, tx, cancellationToken: ct));
        var hashes = (await conn.QueryAsync<string>(new CommandDefinition(FilesSql, args, tx, cancellationToken: ct))).ToArray();
        await conn.ExecuteAsync(new CommandDefinition(EvidenceSql, args, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(FeedbackSql, args, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(MailAndHoursSql, args, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(AuditSql, args, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(PersonSqlErase, args, tx, cancellationToken: ct));
        var removed = (await conn.QueryAsync<string>(new CommandDefinition(UnreferencedFilesSql,
            new { hashes }, tx, cancellationToken: ct))).ToList();
        await AuditTrail.WriteAsync(conn, new AuditEvent(kind == Kind.Request ? "person.erased" : "person.disposed",
            centreId, actorId, "person", person.PersonId,
            After: new { overridden = overrideReason is not null, filesRemoved = removed.Count },
            RemoteAddress: remoteAddress), tx, ct);
        return removed;
    }
}
