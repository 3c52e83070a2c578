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
/// One page of a search's hits, best first, and how many matched: at most <see cref="EvidenceSearch.Considered"/> (the
/// newest matches are ranked; <see cref="More"/> says there were more).
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, Lists.Paging Paging, bool More)
{
    public static readonly SearchResults None = new([], new Lists.Paging(1, EvidenceSearch.PageSize, 0), false);
}

/// <summary>
/// Full-text search over submitted evidence text and the text extracted from uploads (PostgreSQL, English stemming),
/// within the searcher's scope only: an assessor's own candidates, or a whole centre for quality assurance.
/// The cost does not grow with the centre: the newest matches (at most <see cref="Considered"/>) are found through an
/// index, in order of submission for a common word and through the full-text index for a rare one; only those are
/// ranked, and only the page shown gets its snippets (ts_headline reads the whole text).
/// </summary>
public sealed class EvidenceSearch(NpgsqlDataSource db)
{
    public const int Considered = 200;
    public const int PageSize = 20;

    const string Query = "websearch_to_tsquery('english', @query)";

    // A matching revision as (revision_id, item_id, revision_number, file_id, submitted_at, search).
    const string RevisionColumns = """
        r.id AS revision_id, r.item_id, r.number AS revision_number, NULL::bigint AS file_id, r.submitted_at, r.search
        """;

    const string RevisionMatches = $"r.search @@ {Query} AND r.submitted_at IS NOT NULL";

    // The matches in scope, newest first.
    const string Revisions = $"""
        SELECT {RevisionColumns}
        FROM evidence_revisions r JOIN evidence_items i ON i.id = r.item_id
        WHERE {RevisionMatches} AND i.centre_id = @centreId
        """;

    const string Files = $"""
        SELECT r.id, r.item_id, r.number, f.id, r.submitted_at, sf.search
        FROM stored_files sf JOIN evidence_files f ON f.sha256 = sf.sha256 JOIN evidence_revisions r ON r.id = f.revision_id
        JOIN evidence_items i ON i.id = r.item_id
        WHERE sf.search @@ {Query} AND r.submitted_at IS NOT NULL AND i.centre_id = @centreId
        """;

    // An assessor's candidates are a few thousand revisions: read them through the enrolments, never by walking the
    // centre's newest revisions looking for theirs (a few percent of them).
    const string Mine = "AND i.enrolment_id IN (SELECT id FROM enrolments WHERE assessor_id = @viewerId AND centre_id = @centreId)";

    const string Page = $"""
        matches AS (
            SELECT m.*, ts_rank(m.search, {Query}) AS rank
            FROM (SELECT * FROM newest UNION ALL SELECT * FROM newest_files ORDER BY submitted_at DESC LIMIT @considered + 1) m),
        shown AS (
            SELECT revision_id, item_id, revision_number, file_id, submitted_at, rank FROM matches
            ORDER BY rank DESC, submitted_at DESC, revision_id, file_id LIMIT @take OFFSET @skip)
        SELECT c.total, s.item_id, i.title, p.display_name AS candidate_name, s.revision_number, f.display_name AS file_name,
               ts_headline('english', CASE WHEN s.file_id IS NULL THEN r.text ELSE sf.extracted_text END, {Query},
                   'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=18, MinWords=6') AS snippet
        FROM (SELECT count(*)::int AS total FROM matches) c
        LEFT JOIN shown s ON true
        LEFT JOIN evidence_items i ON i.id = s.item_id LEFT JOIN people p ON p.id = i.candidate_id
        LEFT JOIN evidence_revisions r ON r.id = s.revision_id
        LEFT JOIN evidence_files f ON f.id = s.file_id LEFT JOIN stored_files sf ON sf.sha256 = f.sha256
        ORDER BY s.rank DESC, s.submitted_at DESC, s.revision_id, s.file_id
        """;

    // The newest matches of every centre come first, without asking each match's centre: a negation of a common word
    // matches thousands of revisions in a large centre, and asking each one's item its centre cost more than finding
    // them. When all of the newest are this centre's (every single-centre site), they are the answer; only when
    // another centre's are among them is the search run again within the centre (the one-time test below skips it
    // otherwise).
    const string CentreSql = $"""
        WITH newest_anywhere AS (
            SELECT {RevisionColumns}
            FROM evidence_revisions r
            WHERE {RevisionMatches}
            ORDER BY r.submitted_at DESC LIMIT @considered + 1),
        elsewhere AS (
            SELECT EXISTS (SELECT 1 FROM newest_anywhere w JOIN evidence_items i ON i.id = w.item_id
                           WHERE i.centre_id <> @centreId) AS found),
        newest AS (
            SELECT w.* FROM newest_anywhere w WHERE NOT (SELECT found FROM elsewhere)
            UNION ALL
            ({Revisions} AND (SELECT found FROM elsewhere) ORDER BY r.submitted_at DESC LIMIT @considered + 1)),
        newest_files AS ({Files} ORDER BY r.submitted_at DESC LIMIT @considered + 1),
        {Page}
        """;

    // The caseload's submitted revisions come newest first from the covering index of each item's revisions, and only
    // then is the text matched, until enough are found: a common word reads a few hundred texts, not every revision of
    // every candidate. A rare word is found through the full-text index instead (the planner sees which, per query).
    const string CaseloadNewest = $"""
        SELECT w.id AS revision_id, w.item_id, w.number AS revision_number, NULL::bigint AS file_id, w.submitted_at, m.search
        FROM (SELECT r.id, r.item_id, r.number, r.submitted_at
              FROM evidence_revisions r JOIN evidence_items i ON i.id = r.item_id
              WHERE r.submitted_at IS NOT NULL AND i.centre_id = @centreId {Mine}
              ORDER BY r.submitted_at DESC OFFSET 0) w
        JOIN evidence_revisions m ON m.id = w.id
        WHERE m.search @@ {Query}
        ORDER BY w.submitted_at DESC LIMIT @considered + 1
        """;

    const string AssessorSql = $"""
        WITH newest AS ({CaseloadNewest}),
        newest_files AS ({Files} {Mine} ORDER BY r.submitted_at DESC LIMIT @considered + 1),
        {Page}
        """;

    sealed class Row
    {
        public int Total { get; init; }
        public long? ItemId { get; init; }
        public string Title { get; init; } = "";
        public string CandidateName { get; init; } = "";
        public int RevisionNumber { get; init; }
        public string? FileName { get; init; }
        public string Snippet { get; init; } = "";
    }

    /// <summary>A page of hits, best first; an empty query finds nothing.</summary>
    public async Task<SearchResults> SearchAsync(long centreId, long viewerId, bool wholeCentre, string query, int page = 1,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return SearchResults.None;
        }
        var paging = new Lists.Paging(Lists.Paging.Requested(page), PageSize, 0);
        await using var conn = await db.OpenConnectionAsync(ct);
        // Whether to walk the newest revisions or the full-text index depends on how common the words are: plan this
        // statement for the words it has every time, never once for all (a generic plan cannot tell "the" from a name).
        await using var tx = await conn.BeginTransactionAsync(ct);
        // No parallel workers: starting them took longer than most searches (36 ms of 45 for a word found nowhere in a
        // centre of 10,000 candidates, on two busy cores), and the walks below stop after a few hundred rows anyway.
        await conn.ExecuteAsync(new CommandDefinition(
            "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL max_parallel_workers_per_gather = 0",
            transaction: tx, cancellationToken: ct));
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(wholeCentre ? CentreSql : AssessorSql, new
        {
            centreId, viewerId, query = query.Trim(), considered = Considered, take = paging.Take, skip = paging.Skip,
        }, tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        var total = rows.Count > 0 ? rows[0].Total : 0;
        var hits = rows.Where(r => r.ItemId is not null)
            .Select(r => new SearchHit(r.ItemId!.Value, r.Title, r.CandidateName, r.RevisionNumber, r.FileName, r.Snippet)).ToList();
        return new SearchResults(hits, paging with { Total = Math.Min(total, Considered) }, total > Considered);
    }
}
