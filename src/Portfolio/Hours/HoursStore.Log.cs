using Dapper;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Lists;

namespace Portfolio.Hours;

/// <summary>One activity in a candidate's log.</summary>
public sealed class HoursEntry
{
    public long Id { get; init; }
    public long EnrolmentId { get; init; }
    public DateTime ActivityDate { get; init; }
    public int Minutes { get; init; }
    public string Category { get; init; } = "";
    public bool Counts { get; init; }
    public string Learned { get; init; } = "";
    public long[] ItemIds { get; init; } = [];

    /// <summary>The linked items' titles, in the order of <see cref="ItemIds"/> (only on the log's pages).</summary>
    public string[] ItemTitles { get; init; } = [];
    public string[] PointCodes { get; init; } = [];
    public string Status { get; init; } = "";
    public string? Comment { get; init; }
    public string? DecidedByName { get; init; }
    public long Version { get; init; }
    public int Matching { get; init; }

    public DateOnly Date => DateOnly.FromDateTime(ActivityDate);
    public HoursCategory? Kind => HoursCategories.Find(Category);
    public bool Editable => Status != EntryStatus.Confirmed;
}

public static class EntryStatus
{
    public const string Logged = "logged";
    public const string Confirmed = "confirmed";
    public const string Queried = "queried";

    public static string Label(string status) => status switch
    {
        Confirmed => "Confirmed",
        Queried => "Queried",
        _ => "To confirm",
    };
}

/// <summary>What the candidate records: the date, the minutes, the category, what was learned, and links.</summary>
public sealed record EntryInput(DateOnly Date, int Minutes, string Category, string Learned,
    IReadOnlyList<long> ItemIds, IReadOnlyList<string> PointCodes);

public sealed partial class HoursStore
{
    /// <summary>Minutes a day can hold.</summary>
    public const int MinutesInADay = 24 * 60;

    const string EntriesSql = """
        SELECT h.id, h.enrolment_id, h.activity_date::timestamp AS activity_date, h.minutes, h.category, h.counts,
            h.learned,
               ARRAY(SELECT i.id FROM evidence_items i WHERE i.id = ANY(h.item_ids) ORDER BY i.id) AS item_ids,
               ARRAY(SELECT i.title FROM evidence_items i WHERE i.id = ANY(h.item_ids) ORDER BY i.id) AS item_titles,
               h.point_codes, h.status, h.comment, d.display_name AS decided_by_name, h.xmin::text::bigint AS version,
               count(*) OVER ()::int AS matching
        FROM learning_hours h LEFT JOIN people d ON d.id = h.decided_by
        WHERE h.enrolment_id = @enrolmentId AND (@status::text IS NULL OR h.status = @status)
        ORDER BY h.activity_date DESC, h.id DESC
        LIMIT @take OFFSET @skip
        """;

    /// <summary>One page of the enrolment's log, newest first; the caller has checked the enrolment is
    /// visible.</summary>
    public async Task<(IReadOnlyList<HoursEntry> Rows, Paging Paging)> EntriesAsync(long enrolmentId, string? status,
        int? page, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await Paging.ReadAsync(page, Paging.DefaultPageSize, async p =>
            (IReadOnlyList<HoursEntry>)(await conn.QueryAsync<HoursEntry>(new CommandDefinition(EntriesSql,
                new { enrolmentId, status, take = p.Take, skip = p.Skip }, cancellationToken: ct))).ToList(),
            r => r.Matching);
    }

    const string AllEntriesSql = """
        SELECT h.id, h.enrolment_id, h.activity_date::timestamp AS activity_date, h.minutes, h.category, h.counts,
            h.learned, h.item_ids,
               h.point_codes, h.status, h.comment, d.display_name AS decided_by_name, h.xmin::text::bigint AS version
        FROM learning_hours h LEFT JOIN people d ON d.id = h.decided_by
        WHERE h.enrolment_id = @enrolmentId
        ORDER BY h.activity_date, h.id
        """;

    /// <summary>
    /// Every entry, oldest first, read from the database as it is written out (for the workbook); enumerate once.
    /// The caller has checked the enrolment is visible.
    /// </summary>
    public IEnumerable<HoursEntry> AllEntries(long enrolmentId)
    {
        using var conn = db.OpenConnection();
        foreach (var e in conn.Query<HoursEntry>(AllEntriesSql, new { enrolmentId }, buffered: false))
        {
            yield return e;
        }
    }

    static readonly string EntrySql = $"""
        SELECT h.id, h.enrolment_id, h.activity_date::timestamp AS activity_date, h.minutes, h.category, h.counts,
            h.learned, h.item_ids,
               h.point_codes, h.status, h.comment, NULL AS decided_by_name, h.xmin::text::bigint AS version
        FROM learning_hours h JOIN enrolments e ON e.id = h.enrolment_id
        WHERE h.id = @entryId AND {Access}
        """;

    /// <summary>One entry, or null when the viewer may not see it.</summary>
    public async Task<HoursEntry?> EntryAsync(HoursViewer viewer, long entryId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<HoursEntry>(new CommandDefinition(EntrySql,
            Merge(Who(viewer), new { entryId }), cancellationToken: ct));
    }

    // The candidate's other minutes that day, read after the enrolment's row is locked: two saves at once take turns.
    const string DayMinutesSql = """
        SELECT coalesce(sum(minutes), 0)::int FROM learning_hours
        WHERE enrolment_id = @enrolmentId AND activity_date = @date::date AND id <> coalesce(@entryId, 0)
        """;

    const string LockEnrolmentSql = "SELECT id FROM enrolments WHERE id = @enrolmentId FOR NO KEY UPDATE";

    // Links must be the candidate's own evidence in this enrolment and marking points of its rubric version.
    const string LinksKnownSql = """
        SELECT (SELECT count(*) FROM evidence_items i WHERE i.id = ANY(@itemIds) AND i.enrolment_id = @enrolmentId)
                   = cardinality(@itemIds)
           AND (SELECT count(*) FROM marking_points mp JOIN enrolments e ON e.rubric_version_id = mp.rubric_version_id
                WHERE e.id = @enrolmentId AND mp.code = ANY(@pointCodes)) = cardinality(@pointCodes)
        """;

    const string InsertEntrySql = """
        INSERT INTO learning_hours (enrolment_id, activity_date, minutes, category, counts, learned, item_ids,
            point_codes)
        VALUES (@enrolmentId, @date::date, @minutes, @category, @counts, @learned, @itemIds, @pointCodes)
        RETURNING id
        """;

    const string UpdateEntrySql = """
        UPDATE learning_hours SET activity_date = @date::date, minutes = @minutes, category = @category,
               counts = @counts, learned = @learned, item_ids = @itemIds, point_codes = @pointCodes, status = 'logged'
        WHERE id = @entryId AND xmin::text::bigint = @version AND status <> 'confirmed'
        """;

    /// <summary>
    /// Adds (entryId null) or changes the candidate's entry, refusing a day over 24 hours, links that are not theirs,
    /// and an entry confirmed or changed since the form was made. A queried entry, changed, goes back to be confirmed.
    /// </summary>
    public async Task<(HoursRefusal Refusal, int DayMinutes)> SaveEntryAsync(HoursViewer candidate, long enrolmentId,
        long? entryId, long version, EntryInput input, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await EnrolmentVisibleAsync(conn, tx, candidate, enrolmentId, ct))
        {
            return (HoursRefusal.NotFound, 0);
        }
        await conn.ExecuteAsync(new CommandDefinition(LockEnrolmentSql, new { enrolmentId }, tx,
            cancellationToken: ct));
        HoursEntry? before = null;
        if (entryId is { } id)
        {
            before = await conn.QuerySingleOrDefaultAsync<HoursEntry>(new CommandDefinition(
                EntrySql + " FOR UPDATE OF h",
                Merge(Who(candidate), new { entryId = id }), tx, cancellationToken: ct));
            if (before is null || before.EnrolmentId != enrolmentId)
            {
                return (HoursRefusal.NotFound, 0);
            }
            if (before.Status == EntryStatus.Confirmed)
            {
                return (HoursRefusal.Confirmed, 0);
            }
            if (before.Version != version)
            {
                return (HoursRefusal.Stale, 0);
            }
        }
        var date = input.Date.ToDateTime(TimeOnly.MinValue);
        var dayMinutes = await conn.ExecuteScalarAsync<int>(new CommandDefinition(DayMinutesSql,
            new { enrolmentId, date, entryId }, tx, cancellationToken: ct));
        if (dayMinutes + input.Minutes > MinutesInADay)
        {
            return (HoursRefusal.DayFull, dayMinutes);
        }
        var itemIds = input.ItemIds.Distinct().ToArray();
        var pointCodes = input.PointCodes.Distinct(StringComparer.Ordinal).ToArray();
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(LinksKnownSql,
                new { enrolmentId, itemIds, pointCodes }, tx, cancellationToken: ct)))
        {
            return (HoursRefusal.UnknownLinks, dayMinutes);
        }
        var args = new
        {
            enrolmentId, entryId, version, date, input.Minutes, input.Category, input.Learned, itemIds, pointCodes,
            counts = HoursCategories.Find(input.Category)?.Counts ?? false,
        };
        long savedId;
        if (entryId is null)
        {
            savedId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertEntrySql, args, tx,
                cancellationToken: ct));
        }
        else if (await conn.ExecuteAsync(new CommandDefinition(UpdateEntrySql, args, tx, cancellationToken: ct)) == 1)
        {
            savedId = entryId.Value;
        }
        else
        {
            return (HoursRefusal.Stale, dayMinutes);
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent(entryId is null ? "hours.logged" : "hours.changed",
            candidate.CentreId, candidate.PersonId, "learning_hours", savedId,
            before is null ? null : Described(before), Described(input)), tx, ct);
        await tx.CommitAsync(ct);
        return (HoursRefusal.None, dayMinutes);
    }

    const string DeleteEntrySql = """
        DELETE FROM learning_hours WHERE id = @entryId AND xmin::text::bigint = @version AND status <> 'confirmed'
        """;

    /// <summary>Removes the candidate's entry while it is not confirmed and still the version they saw.</summary>
    public async Task<HoursRefusal> DeleteEntryAsync(HoursViewer candidate, long entryId, long version,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await conn.QuerySingleOrDefaultAsync<HoursEntry>(new CommandDefinition(
                EntrySql + " FOR UPDATE OF h",
            Merge(Who(candidate), new { entryId }), tx, cancellationToken: ct));
        if (before is null)
        {
            return HoursRefusal.NotFound;
        }
        if (await conn.ExecuteAsync(new CommandDefinition(DeleteEntrySql, new { entryId, version }, tx,
                cancellationToken: ct)) != 1)
        {
            return before.Status == EntryStatus.Confirmed ? HoursRefusal.Confirmed : HoursRefusal.Stale;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("hours.deleted", candidate.CentreId, candidate.PersonId,
            "learning_hours", entryId, Described(before)), tx, ct);
        await tx.CommitAsync(ct);
        return HoursRefusal.None;
    }

    // The audit trail records what changed and where, not the candidate's words (those live in the entry).
    static object Described(HoursEntry e) =>
        new { e.Date, e.Minutes, e.Category, e.Status, Items = e.ItemIds, Points = e.PointCodes };

    static object Described(EntryInput e) =>
        new { e.Date, e.Minutes, e.Category, Items = e.ItemIds, Points = e.PointCodes };
}
