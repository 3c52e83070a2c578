using Dapper;
using Npgsql;

namespace Portfolio.Quality;

/// <summary>One page an EQA opened (or was refused), with the name of the thing its address named.</summary>
public sealed record ExternalView(
    long Id, DateTime OccurredAt, long EqaId, string EqaName, string Path, int Status, string? Subject)
{
    public bool Refused => Status >= 400;

    /// <summary>What kind of page it was, from its address.</summary>
    public string PageName => Path.Split('?')[0].TrimEnd('/') switch
    {
        "/External" or "/External/Index" => "Start page",
        "/External/Sample" => "Sample record",
        "/External/Candidate" => "Candidate's portfolio",
        "/External/Evidence" => "Evidence",
        "/External/File" => Path.Contains("inline=true", StringComparison.Ordinal) ? "Picture" : "File download",
        "/External/Report" => Path.Contains("handler=Download", StringComparison.Ordinal)
            ? "Verification report download" : "Verification report",
        _ => "Other page",
    };
}

/// <summary>Which views to list: one EQA, one window, opened or refused only; pages from 1.</summary>
public sealed record ExternalViewFilter(long? EqaId = null, long? AccessId = null, bool? Refused = null, int Page = 1);

/// <summary>One page of views, newest first, with how many match in all.</summary>
public sealed record ExternalViewPage(IReadOnlyList<ExternalView> Views, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int First => Total == 0 ? 0 : (Page - 1) * PageSize + 1;
    public int Last => First + Views.Count - Math.Min(1, Views.Count);
}

/// <summary>
/// What a centre's external quality assurers opened and when, read from the audit rows the external area writes for
/// every page (ExternalAccessLogFilter). The count and the page walk only the partial index of those rows.
/// </summary>
public sealed class ExternalViews(NpgsqlDataSource db)
{
    public const int PageSize = 50;

    sealed record Window(long EqaId, DateTime StartsAt, DateTime EndsAt);

    // A window of the centre: its EQA and its time, cut short where it was revoked.
    const string WindowSql = """
        SELECT eqa_id, starts_at, least(ends_at, coalesce(revoked_at, ends_at)) AS ends_at FROM eqa_accesses
        WHERE id = @accessId AND centre_id = @centreId
        """;

    // Every condition is on a column of the partial index audit_events_external_views (M202612071301).
    const string Matching = """
        FROM audit_events a
        WHERE a.centre_id = @centreId AND a.action IN ('external.viewed', 'external.refused')
          AND (@eqaId::bigint IS NULL OR a.actor_id = @eqaId)
          AND (@refused::boolean IS NULL OR (a.action = 'external.refused') = @refused)
          AND (@from::timestamptz IS NULL OR a.occurred_at >= @from)
          AND (@until::timestamptz IS NULL OR a.occurred_at < @until)
        """;

    const string CountSql = "SELECT count(*)::int\n" + Matching;

    // The page of views, then names for the people and for the thing each address names (an item, a file, a candidate).
    const string PageSql = """
        WITH page AS (
            SELECT a.id, a.occurred_at, a.actor_id AS eqa_id, a.after->>'path' AS path,
                   (a.after->>'status')::int AS status
        """ + "\n" + Matching + "\n" + """
            ORDER BY a.occurred_at DESC, a.id DESC LIMIT @limit OFFSET @offset),
        named AS (SELECT page.*, split_part(page.path, '?', 1) AS page_path,
                         substring(page.path FROM '[?&](?:id|enrolmentId)=([0-9]{1,18})(?:&|$)')::bigint AS named_id FROM page)
        SELECT n.id, n.occurred_at, n.eqa_id, p.display_name AS eqa_name, n.path, n.status,
               CASE n.page_path
                   WHEN '/External/Evidence' THEN (SELECT i.title FROM evidence_items i
                                                   WHERE i.id = n.named_id AND i.centre_id = @centreId)
                   WHEN '/External/File' THEN (SELECT f.display_name FROM evidence_files f
                                               JOIN evidence_revisions r ON r.id = f.revision_id
                                               JOIN evidence_items i ON i.id = r.item_id
                                               WHERE f.id = n.named_id AND i.centre_id = @centreId)
                   WHEN '/External/Candidate' THEN (SELECT c.display_name FROM enrolments e
                                                    JOIN people c ON c.id = e.candidate_id
                                                    WHERE e.id = n.named_id AND e.centre_id = @centreId)
                   WHEN '/External/Sample' THEN 'Sample ' || n.named_id
               END AS subject
        FROM named n JOIN people p ON p.id = n.eqa_id
        ORDER BY n.occurred_at DESC, n.id DESC
        """;

    /// <summary>The page of the centre's EQA views the filter asks for (the last page when asked past it).</summary>
    public async Task<ExternalViewPage> ListAsync(
        long centreId, ExternalViewFilter filter, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (eqaId, from, until) = (filter.EqaId, (DateTime?)null, (DateTime?)null);
        if (filter.AccessId is { } accessId)
        {
            var w = await conn.QuerySingleOrDefaultAsync<Window>(
                new CommandDefinition(WindowSql, new { accessId, centreId }, cancellationToken: ct));
            if (w is null || eqaId is not null && eqaId != w.EqaId)
            {
                return new ExternalViewPage([], 0, 1, PageSize);
            }
            (eqaId, from, until) = (w.EqaId, w.StartsAt, w.EndsAt);
        }
        var args = new { centreId, eqaId, filter.Refused, from, until };
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var views = await conn.QueryAsync<ExternalView>(new CommandDefinition(PageSql,
            new { centreId, eqaId, filter.Refused, from, until, limit = PageSize, offset = (page - 1) * PageSize },
            cancellationToken: ct));
        return new ExternalViewPage(views.ToList(), total, page, PageSize);
    }
}
