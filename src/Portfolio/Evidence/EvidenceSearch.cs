using Dapper;
using Npgsql;

namespace Portfolio.Evidence;

/// <summary>A piece of a search result's snippet, marked where it matched the query.</summary>
public sealed record SnippetPart(string Text, bool Matched);

public sealed record SearchHit(long ItemId, string Title, string CandidateName, int RevisionNumber, string? FileName, string Snippet)
{
    const char Start = '\u0001';
    const char Stop = '\u0002';

    /// <summary>The snippet split at PostgreSQL's match markers, so pages can mark matches without trusting any markup.</summary>
    public IReadOnlyList<SnippetPart> Parts()
    {
        var parts = new List<SnippetPart>();
        foreach (var (piece, i) in Snippet.Split(Start).Select((p, i) => (p, i)))
        {
            var split = piece.Split(Stop, 2);
            if (i > 0 && split.Length == 2)
            {
                parts.Add(new SnippetPart(split[0], true));
                parts.Add(new SnippetPart(split[1], false));
            }
            else
            {
                parts.Add(new SnippetPart(piece, false));
            }
        }
        return parts.Where(p => p.Text.Length > 0).ToList();
    }
}

/// <summary>
/// Full-text search over submitted evidence text and the text extracted from uploads (PostgreSQL, English stemming),
/// within the searcher's scope only: an assessor's own candidates, or a whole centre for quality assurance.
/// </summary>
public sealed class EvidenceSearch(NpgsqlDataSource db)
{
    const string SearchSql = """
        WITH q AS (SELECT websearch_to_tsquery('english', @query) AS q),
        scope AS (
            SELECT i.id, i.title, c.display_name AS candidate_name FROM evidence_items i
            JOIN enrolments e ON e.id = i.enrolment_id JOIN people c ON c.id = i.candidate_id
            WHERE i.centre_id = @centreId AND (@wholeCentre OR e.assessor_id = @viewerId)),
        hits AS (
            SELECT s.id AS item_id, s.title, s.candidate_name, r.number AS revision_number, NULL::text AS file_name,
                   ts_headline('english', r.text, q.q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=18, MinWords=6') AS snippet,
                   ts_rank(r.search, q.q) AS rank
            FROM scope s JOIN evidence_revisions r ON r.item_id = s.id, q
            WHERE r.submitted_at IS NOT NULL AND r.search @@ q.q
            UNION ALL
            SELECT s.id, s.title, s.candidate_name, r.number, f.display_name,
                   ts_headline('english', sf.extracted_text, q.q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=18, MinWords=6'),
                   ts_rank(sf.search, q.q)
            FROM scope s JOIN evidence_revisions r ON r.item_id = s.id JOIN evidence_files f ON f.revision_id = r.id
            JOIN stored_files sf ON sf.sha256 = f.sha256, q
            WHERE r.submitted_at IS NOT NULL AND sf.search @@ q.q)
        SELECT DISTINCT ON (rank, item_id, revision_number, file_name) item_id, title, candidate_name, revision_number, file_name, snippet
        FROM hits ORDER BY rank DESC, item_id, revision_number DESC, file_name
        LIMIT 50
        """;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(long centreId, long viewerId, bool wholeCentre, string query, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SearchHit>(new CommandDefinition(SearchSql, new { centreId, viewerId, wholeCentre, query = query.Trim() }, cancellationToken: ct))).ToList();
    }
}
