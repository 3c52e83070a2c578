using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Evidence;

/// <summary>Who asks for a redaction, which decides which items they may redact.</summary>
public enum Redactor { Candidate, Assessor, QualityAssurer }

public enum RedactionRefusal { None, NotFound, Submitted, Stale, NotInText }

/// <summary>
/// Replaces a passage (a client's details) with a visible marker in every revision of an item, its title, the
/// annotations quoting it and the quality-assurance snapshots of it, in one transaction. The search index follows
/// the text (it is computed from it). The audit trail records who, when, which revisions and why, never the passage.
/// Uploaded files are kept as they were sent: a passage only in a file is refused, the file has to be replaced.
/// </summary>
public sealed class Redaction(NpgsqlDataSource db)
{
    public const string Marker = "[redacted]";

    sealed record RevisionRow(long Id, int Number, string Text, string Content, long RowVersion, DateTime? SubmittedAt);

    // Every revision of an item the person may redact, oldest first, locked; the newest carries the version forms read.
    const string LockSql = """
        SELECT r.id, r.number, r.text, r.content::text AS content, r.xmin::text::bigint AS row_version, r.submitted_at
        FROM evidence_revisions r JOIN evidence_items i ON i.id = r.item_id JOIN enrolments e ON e.id = i.enrolment_id
        WHERE i.id = @itemId AND i.centre_id = @centreId
          AND CASE @role WHEN 'Candidate' THEN i.candidate_id = @actorId WHEN 'Assessor' THEN e.assessor_id = @actorId
                         ELSE true END
        ORDER BY r.number
        FOR UPDATE OF r
        """;

    const string UpdateRevisionSql = "UPDATE evidence_revisions SET text = @text, content = @content::jsonb WHERE id = @id";

    const string TitleSql = """
        UPDATE evidence_items SET title = replace(title, @passage, @marker), updated_at = now()
        WHERE id = @itemId AND strpos(title, @passage) > 0
        """;

    const string AnnotationsSql = """
        SELECT id, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset, comment
        FROM annotations WHERE item_id = @itemId FOR UPDATE
        """;

    const string UpdateAnnotationSql = """
        UPDATE annotations SET quote_exact = @exact, quote_prefix = @prefix, quote_suffix = @suffix,
               start_offset = @start, end_offset = @end, comment = @comment
        WHERE id = @id
        """;

    const string SnapshotsSql = "SELECT id, snapshot::text FROM qa_samples WHERE item_id = @itemId FOR UPDATE";

    sealed record AnnotationRow(long Id, string? QuoteExact, string? QuotePrefix, string? QuoteSuffix, int? StartOffset,
        int? EndOffset, string Comment);

    /// <summary>The revisions redacted (their numbers), or why nothing was.</summary>
    public async Task<(RedactionRefusal Refusal, IReadOnlyList<int> Revisions)> RedactAsync(long centreId, long actorId,
        Redactor role, long itemId, string passage, string reason, long rowVersion, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var revisions = (await conn.QueryAsync<RevisionRow>(new CommandDefinition(LockSql,
            new { centreId, itemId, actorId, role = role.ToString() }, tx, cancellationToken: ct))).ToList();
        if (revisions.Count == 0)
        {
            return (RedactionRefusal.NotFound, []);
        }
        var newest = revisions[^1];
        if (role == Redactor.Candidate && newest.SubmittedAt is not null)
        {
            return (RedactionRefusal.Submitted, []);
        }
        if (newest.RowVersion != rowVersion)
        {
            return (RedactionRefusal.Stale, []);
        }
        // A passage copied from the rendered page may lack the Markdown marks the text holds: find it as it is stored.
        var exact = revisions.Select(r => r.Text.Contains(passage, StringComparison.Ordinal) ? passage
            : AnnotationAnchor.FromQuote(r.Text, passage).Anchor?.Quote.Exact).FirstOrDefault(p => p is not null);
        if (exact is null)
        {
            return (RedactionRefusal.NotInText, []);
        }
        await conn.ExecuteAsync(new CommandDefinition("SELECT set_config('portfolio.redacting', 'on', true)", null, tx, cancellationToken: ct));
        var redacted = new List<int>();
        foreach (var r in revisions)
        {
            var content = Redacted(r.Content, exact);
            if (content is null && !r.Text.Contains(exact, StringComparison.Ordinal))
            {
                continue;
            }
            content ??= r.Content;
            await conn.ExecuteAsync(new CommandDefinition(UpdateRevisionSql,
                new { id = r.Id, text = r.Text.Replace(exact, Marker, StringComparison.Ordinal), content }, tx, cancellationToken: ct));
            redacted.Add(r.Number);
        }
        await conn.ExecuteAsync(new CommandDefinition(TitleSql, new { itemId, passage = exact, marker = Marker }, tx, cancellationToken: ct));
        var annotations = await RedactAnnotationsAsync(conn, tx, itemId, exact, newest.Text.Replace(exact, Marker, StringComparison.Ordinal), ct);
        var samples = 0;
        foreach (var (id, snapshot) in await conn.QueryAsync<(long, string)>(new CommandDefinition(SnapshotsSql, new { itemId }, tx, cancellationToken: ct)))
        {
            if (Redacted(snapshot, exact) is { } redactedSnapshot)
            {
                samples++;
                await conn.ExecuteAsync(new CommandDefinition("UPDATE qa_samples SET snapshot = @snapshot::jsonb WHERE id = @id",
                    new { id, snapshot = redactedSnapshot }, tx, cancellationToken: ct));
            }
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.redacted", centreId, actorId, "evidence_item", itemId,
            After: new { revisionId = newest.Id, revisions = redacted, passageCharacters = exact.EnumerateRunes().Count(), annotations, samples, reason = reason.Trim() }),
            tx, ct);
        await tx.CommitAsync(ct);
        return (RedactionRefusal.None, redacted);
    }

    /// <summary>Replaces the passage in quotes and comments, then anchors each quote again in the redacted text.</summary>
    static async Task<int> RedactAnnotationsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long itemId, string exact, string newestText, CancellationToken ct)
    {
        var changed = 0;
        foreach (var a in await conn.QueryAsync<AnnotationRow>(new CommandDefinition(AnnotationsSql, new { itemId }, tx, cancellationToken: ct)))
        {
            string? R(string? s) => s?.Replace(exact, Marker, StringComparison.Ordinal);
            var (quote, prefix, suffix, start, end) = (R(a.QuoteExact), R(a.QuotePrefix), R(a.QuoteSuffix), a.StartOffset, a.EndOffset);
            if (quote is { Length: > 0 } && start is { } s)
            {
                var old = new AnnotationAnchor(new TextQuote(quote, prefix ?? "", suffix ?? ""), new TextPosition(s, s + quote.Length));
                if (old.Resolve(newestText).Anchor is { } now)
                {
                    // Context taken afresh from the redacted text: a passage cut at the context's edge leaves nothing behind.
                    (quote, prefix, suffix, start, end) = (now.Quote.Exact, now.Quote.Prefix, now.Quote.Suffix, now.Position.Start, now.Position.End);
                }
            }
            var comment = R(a.Comment)!;
            if ((quote, prefix, suffix, start, end, comment) == (a.QuoteExact, a.QuotePrefix, a.QuoteSuffix, a.StartOffset, a.EndOffset, a.Comment))
            {
                continue;
            }
            changed++;
            await conn.ExecuteAsync(new CommandDefinition(UpdateAnnotationSql, new { id = a.Id, exact = quote, prefix, suffix, start, end, comment },
                tx, cancellationToken: ct));
        }
        return changed;
    }

    /// <summary>A copy of the JSON with the passage replaced by the marker in every string.</summary>
    static JsonNode? Replace(JsonNode? node, string exact) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Replace(p.Value, exact)))),
        JsonArray a => new JsonArray(a.Select(n => Replace(n, exact)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(s.Replace(exact, Marker, StringComparison.Ordinal)),
        _ => node?.DeepClone(),
    };

    /// <summary>The JSON redacted, or null when the passage was not in it.</summary>
    static string? Redacted(string json, string exact)
    {
        var before = JsonNode.Parse(json);
        var after = Replace(before, exact);
        return JsonNode.DeepEquals(before, after) ? null : after!.ToJsonString();
    }
}
