using Dapper;
using Portfolio.Assessment;
using Portfolio.Audit;
using Portfolio.Rubrics;

namespace Portfolio.Witnesses;

public sealed partial class WitnessRequests
{
    /// <summary>What a witness link opens now.</summary>
    public enum LinkState { Usable, Expired, Answered, Withdrawn, Unknown }

    /// <summary>
    /// What the witness is shown: who asked, the kind and title of the evidence and its newest revision's text, with
    /// the SHA-256 of that text (the form carries it back, so the answer records exactly what was read).
    /// </summary>
    public sealed record Evidence(string CandidateName, string CentreName, EvidenceKind Kind, string Title, string Text,
        string Content, string TextSha256);

    public sealed record Found(LinkState State, WitnessRequest? Request = null, Evidence? Shown = null);

    /// <summary>A witness's answer: confirmed (with the name they typed) or declined (with their comment).</summary>
    public sealed record Answer(bool Confirms, string TypedName, string Comment, string ShownTextSha256);

    const string FindSql = "SELECT " + Columns + """
        , i.centre_id, i.candidate_id, i.kind, i.title, c.display_name AS candidate_name, n.name AS centre_name,
          r.text, r.content::text AS content
        FROM witness_requests w JOIN evidence_items i ON i.id = w.item_id
        JOIN people c ON c.id = i.candidate_id JOIN centres n ON n.id = i.centre_id
        JOIN LATERAL (SELECT text, content FROM evidence_revisions WHERE item_id = i.id ORDER BY number DESC LIMIT 1) r
          ON true
        WHERE w.token_hash = @hash
        """;

    sealed class FoundRow
    {
        public long Id { get; init; }
        public long CentreId { get; init; }
        public long CandidateId { get; init; }
        public long ItemId { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public string CandidateName { get; init; } = "";
        public string CentreName { get; init; } = "";
        public string Text { get; init; } = "";
        public string Content { get; init; } = "{}";
    }

    static LinkState Judge(WitnessRequest? request) => request switch
    {
        null => LinkState.Unknown,
        { AnsweredAt: not null } => LinkState.Answered,
        { WithdrawnAt: not null } => LinkState.Withdrawn,
        { Lapsed: true } => LinkState.Expired,
        _ => LinkState.Usable,
    };

    async Task<(Found Found, FoundRow? Row)> FindAsync(Npgsql.NpgsqlConnection conn, Npgsql.NpgsqlTransaction? tx,
        string? token, bool forUpdate, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return (new Found(LinkState.Unknown), null);
        }
        var args = new { hash = HashOf(token) };
        var sql = forUpdate ? FindSql + " FOR UPDATE OF w" : FindSql;
        // One read of the row, as the request and (only when the link is usable) the evidence it opens.
        await using var reader = await conn.ExecuteReaderAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));
        var request = await reader.ReadAsync(ct) ? reader.GetRowParser<WitnessRequest>()(reader) : null;
        var state = Judge(request);
        if (state != LinkState.Usable)
        {
            // A link that cannot be used shows nothing of the evidence, not even whose it is.
            return (new Found(state), null);
        }
        var row = reader.GetRowParser<FoundRow>()(reader);
        EvidenceKinds.TryParse(row.Kind, out var kind);
        return (new Found(state, request, new Evidence(row.CandidateName, row.CentreName, kind, row.Title, row.Text,
            row.Content, AuditText.Sha256(row.Text))), row);
    }

    /// <summary>What the token opens now (any text: a tampered or made-up token is simply unknown).</summary>
    public async Task<Found> FindAsync(string? token, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await FindAsync(conn, null, token, forUpdate: false, ct)).Found;
    }

    const string AnswerSql = """
        UPDATE witness_requests
        SET answered_at = @now, outcome = @outcome, typed_name = @typedName, comment = @comment,
            remote_address = @remoteAddress, user_agent = @userAgent, text_sha256 = @sha,
            revision_number = (SELECT max(number) FROM evidence_revisions WHERE item_id = @itemId)
        WHERE id = @id
        """;

    /// <summary>
    /// Records the witness's answer when the link is usable and the text is still the one they read (the request is
    /// locked, so two answers at once cannot both count). Returns the state as found and whether the text had changed
    /// since the page was shown (then nothing is recorded and the page shows the new text).
    /// </summary>
    public async Task<(Found Found, bool TextChanged)> AnswerAsync(string token, Answer answer, string? remoteAddress,
        string? userAgent, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (found, row) = await FindAsync(conn, tx, token, forUpdate: true, ct);
        if (found.State != LinkState.Usable)
        {
            return (found, false);
        }
        if (found.Shown!.TextSha256 != answer.ShownTextSha256)
        {
            return (found, true);
        }
        var outcome = answer.Confirms ? Confirmed : Declined;
        await conn.ExecuteAsync(new CommandDefinition(AnswerSql, new
        {
            now, outcome, typedName = answer.TypedName.Trim(), comment = answer.Comment.Trim(), remoteAddress,
            userAgent = userAgent is { Length: > 500 } ? userAgent[..500] : userAgent, sha = found.Shown.TextSha256,
            itemId = row!.ItemId, id = row.Id,
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent($"witness.{outcome}", row.CentreId, null, "evidence_item",
            row.ItemId, After: new { witnessRequestId = row.Id, textSha256 = found.Shown.TextSha256 },
            RemoteAddress: remoteAddress), tx, ct);
        var request = found.Request!;
        await Notifications.NotifyAsync(conn, tx, row.CentreId, row.CandidateId,
            $"{request.Name} {(answer.Confirms ? "confirmed" : "declined to confirm")} \"{row.Title}\".",
            $"/Portfolio/Evidence/Witness?id={row.ItemId}", ct);
        await tx.CommitAsync(ct);
        return (found, false);
    }
}
