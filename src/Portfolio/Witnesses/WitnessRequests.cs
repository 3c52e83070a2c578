using Dapper;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Mail;
using Portfolio.Rubrics;

namespace Portfolio.Witnesses;

/// <summary>
/// Witness requests of the candidate's evidence: naming a witness sends them a one-time link (14 days) to read that
/// item's text and confirm or decline it; the candidate can send the link again (the old one stops working) or
/// withdraw it. Only a SHA-256 of each token is kept; every change is audited without the text or the witness's details.
/// </summary>
public sealed partial class WitnessRequests(NpgsqlDataSource db, TimeProvider clock)
{
    public const string Confirmed = "confirmed";
    public const string Declined = "declined";
    public const string MailKind = "witness-request";
    public static readonly TimeSpan LinkLife = TimeSpan.FromDays(14);

    /// <summary>The page every witness link opens, with its token.</summary>
    public const string Page = "/Witness";

    public enum Refusal { None, NotFound, KindNotWitnessed, AlreadyWaiting, NotWaiting }

    static byte[] HashOf(string token) => OneTimeToken.Hash(token);

    /// <summary>The columns of a <see cref="WitnessRequest"/> (from <c>witness_requests w</c>).</summary>
    public const string Columns = """
        w.id, w.item_id, w.name, w.job_title, w.relationship, w.email, w.sent_at, w.expires_at, w.withdrawn_at,
        w.answered_at, w.outcome, w.typed_name, w.comment, w.remote_address, w.user_agent, w.text_sha256, w.revision_number,
        w.expires_at <= now() AS lapsed
        """ + "\n";

    /// <summary>The item's witness requests, newest first: a statement read with the evidence detail.</summary>
    public const string DetailSql = "\nSELECT " + Columns + """
        FROM witness_requests w WHERE w.item_id = @itemId AND w.centre_id = @centreId ORDER BY w.id DESC;
        """;

    const string OwnItemSql = """
        SELECT i.kind, c.display_name AS candidate_name, n.name AS centre_name
        FROM evidence_items i JOIN people c ON c.id = i.candidate_id JOIN centres n ON n.id = i.centre_id
        WHERE i.id = @itemId AND i.candidate_id = @candidateId AND i.centre_id = @centreId
        FOR UPDATE OF i
        """;

    sealed record OwnItem(string Kind, string CandidateName, string CentreName);

    const string WaitingSql = """
        SELECT count(*)::int FROM witness_requests
        WHERE item_id = @itemId AND answered_at IS NULL AND withdrawn_at IS NULL AND expires_at > @now
        """;

    const string InsertSql = """
        INSERT INTO witness_requests (centre_id, item_id, name, job_title, relationship, email, token_hash, created_at,
                                      sent_at, expires_at)
        VALUES (@centreId, @itemId, @Name, @JobTitle, @Relationship, @Email, @hash, @now, @now, @expiresAt)
        RETURNING id
        """;

    /// <summary>Names a witness for the candidate's item and emails them the link; one waiting request at a time.</summary>
    public async Task<Refusal> AskAsync(long centreId, long candidateId, long itemId, WitnessDetails witness,
        string? remoteAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var item = await conn.QuerySingleOrDefaultAsync<OwnItem>(new CommandDefinition(OwnItemSql,
            new { centreId, candidateId, itemId }, tx, cancellationToken: ct));
        if (item is null)
        {
            return Refusal.NotFound;
        }
        if (!EvidenceKinds.TryParse(item.Kind, out var kind) || !EvidenceKinds.Witnessable.Contains(kind))
        {
            return Refusal.KindNotWitnessed;
        }
        if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(WaitingSql, new { itemId, now }, tx,
                cancellationToken: ct)) > 0)
        {
            return Refusal.AlreadyWaiting;
        }
        var token = OneTimeToken.New();
        var tidy = new WitnessDetails(witness.Name.Trim(), witness.JobTitle.Trim(), witness.Relationship.Trim(),
            witness.Email.Trim());
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            centreId, itemId, tidy.Name, tidy.JobTitle, tidy.Relationship, tidy.Email, hash = HashOf(token), now,
            expiresAt = now + LinkLife,
        }, tx, cancellationToken: ct));
        await Outbox.QueueAsync(conn, tx, MailFor(tidy, item, kind, token, now + LinkLife, centreId), ct);
        await AuditTrail.WriteAsync(conn, new AuditEvent("witness.asked", centreId, candidateId, "evidence_item", itemId,
            After: new { witnessRequestId = id, expiresAt = now + LinkLife }, RemoteAddress: remoteAddress), tx, ct);
        await tx.CommitAsync(ct);
        return Refusal.None;
    }

    static OutgoingMail MailFor(WitnessDetails witness, OwnItem item, EvidenceKind kind, string token, DateTime expiresAt,
        long centreId)
    {
        var noun = kind.DisplayName().ToLowerInvariant();
        var article = "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
        return new OutgoingMail(witness.Email, witness.Name, MailKind,
            $"{item.CandidateName} asks you to confirm {article} {noun}",
            $"{item.CandidateName}, working towards a qualification with {item.CentreName}, has named you as a witness "
            + $"({witness.Relationship}). Please read the {noun} they wrote and say whether it describes what you saw. "
            + $"You do not need an account. The link works once, until {expiresAt:d MMMM yyyy} (UTC).",
            $"You were sent this because {item.CandidateName} gave this address for you in Portfolio. If you do not know "
            + "them, ignore this message: nothing is recorded unless you answer.",
            $"{Page}?token={token}", "Read and answer", centreId);
    }

    const string LockRequestSql = "SELECT " + Columns + """
        FROM witness_requests w JOIN evidence_items i ON i.id = w.item_id
        WHERE w.id = @requestId AND w.item_id = @itemId AND i.candidate_id = @candidateId AND i.centre_id = @centreId
        FOR UPDATE OF w
        """;

    const string ResendSql = """
        UPDATE witness_requests SET token_hash = @hash, sent_at = @now, expires_at = @expiresAt WHERE id = @requestId
        """;

    const string WithdrawSql = "UPDATE witness_requests SET withdrawn_at = @now WHERE id = @requestId";

    /// <summary>
    /// Sends a waiting (or expired) request's link again with a new token, so the old link stops working; or, when
    /// <paramref name="withdraw"/>, withdraws it so the link opens nothing. An answered request is left as it is.
    /// </summary>
    public async Task<Refusal> ResendOrWithdrawAsync(long centreId, long candidateId, long itemId, long requestId,
        bool withdraw, string? remoteAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var request = await conn.QuerySingleOrDefaultAsync<WitnessRequest>(new CommandDefinition(LockRequestSql,
            new { centreId, candidateId, itemId, requestId }, tx, cancellationToken: ct));
        if (request is null)
        {
            return Refusal.NotFound;
        }
        if (request.AnsweredAt is not null || request.WithdrawnAt is not null)
        {
            return Refusal.NotWaiting;
        }
        if (withdraw)
        {
            await conn.ExecuteAsync(new CommandDefinition(WithdrawSql, new { requestId, now }, tx, cancellationToken: ct));
        }
        else
        {
            var item = await conn.QuerySingleAsync<OwnItem>(new CommandDefinition(OwnItemSql,
                new { centreId, candidateId, itemId }, tx, cancellationToken: ct));
            EvidenceKinds.TryParse(item.Kind, out var kind);
            var token = OneTimeToken.New();
            await conn.ExecuteAsync(new CommandDefinition(ResendSql,
                new { requestId, hash = HashOf(token), now, expiresAt = now + LinkLife }, tx, cancellationToken: ct));
            await Outbox.QueueAsync(conn, tx, MailFor(request.Details, item, kind, token, now + LinkLife, centreId), ct);
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent(withdraw ? "witness.withdrawn" : "witness.resent", centreId,
            candidateId, "evidence_item", itemId, After: new { witnessRequestId = requestId }, RemoteAddress: remoteAddress),
            tx, ct);
        await tx.CommitAsync(ct);
        return Refusal.None;
    }

    const string ConfirmationMissingSql = """
        SELECT EXISTS (SELECT 1 FROM evidence_items i JOIN enrolments e ON e.id = i.enrolment_id
                       JOIN rubric_versions v ON v.id = e.rubric_version_id
                       WHERE i.id = @itemId AND i.kind = ANY(v.witness_kinds))
           AND NOT EXISTS (SELECT 1 FROM witness_requests
                           WHERE item_id = @itemId AND outcome = 'confirmed' AND text_sha256 = @sha)
        """;

    /// <summary>
    /// Whether the item's qualification wants its kind confirmed by a witness and no witness has confirmed
    /// <paramref name="text"/> (the text about to be submitted), read inside the caller's transaction.
    /// </summary>
    public static Task<bool> ConfirmationMissingAsync(System.Data.IDbConnection conn, System.Data.IDbTransaction tx,
        long itemId, string text, CancellationToken ct = default) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(ConfirmationMissingSql,
            new { itemId, sha = AuditText.Sha256(text) }, tx, cancellationToken: ct));
}
