using Dapper;
using Portfolio.Audit;

namespace Portfolio.Hours;

public sealed partial class HoursStore
{
    const string DaysSql = """
        SELECT activity_date::timestamp AS day, sum(minutes)::int AS minutes FROM learning_hours
        WHERE enrolment_id = @enrolmentId AND activity_date = ANY(@dates::date[]) GROUP BY activity_date
        """;

    const string InsertManySql = """
        INSERT INTO learning_hours (enrolment_id, activity_date, minutes, category, counts, learned)
        SELECT @enrolmentId, d, m, c, n, l
        FROM unnest(@dates::date[], @minutes::int[], @categories::text[], @counts::boolean[],
            @learned::text[]) AS x(d, m, c, n, l)
        """;

    /// <summary>
    /// Imports the checked rows of a CSV log in one transaction, or none: a day the rows (with what is logged already)
    /// would fill past 24 hours is reported with the lines that fall on it.
    /// </summary>
    public async Task<IReadOnlyList<string>> ImportAsync(HoursViewer candidate, long enrolmentId,
        IReadOnlyList<ImportedEntry> rows, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await EnrolmentVisibleAsync(conn, tx, candidate, enrolmentId, ct))
        {
            return ["The enrolment was not found"];
        }
        await conn.ExecuteAsync(new CommandDefinition(LockEnrolmentSql, new { enrolmentId }, tx,
            cancellationToken: ct));
        var dates = rows.Select(r => r.Entry.Date.ToDateTime(TimeOnly.MinValue)).ToArray();
        var logged = (await conn.QueryAsync<(DateTime Day, int Minutes)>(new CommandDefinition(DaysSql,
            new { enrolmentId, dates = dates.Distinct().ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(d => DateOnly.FromDateTime(d.Day), d => d.Minutes);
        var full = rows.GroupBy(r => r.Entry.Date)
            .Where(g => logged.GetValueOrDefault(g.Key) + g.Sum(r => r.Entry.Minutes) > MinutesInADay)
            .Select(g => $"Lines {string.Join(", ", g.Select(r => r.Line))}: "
                + Lower(EntryRules.DayFull(g.Key, logged.GetValueOrDefault(g.Key)))
                + $" (these lines add {HoursProgress.Hours(g.Sum(r => r.Entry.Minutes))})")
            .ToList();
        if (full.Count > 0)
        {
            return full;
        }
        await conn.ExecuteAsync(new CommandDefinition(InsertManySql, new
        {
            enrolmentId, dates, minutes = rows.Select(r => r.Entry.Minutes).ToArray(),
            categories = rows.Select(r => r.Entry.Category).ToArray(),
            counts = rows.Select(r => HoursCategories.Find(r.Entry.Category)!.Counts).ToArray(),
            learned = rows.Select(r => r.Entry.Learned).ToArray(),
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("hours.imported", candidate.CentreId, candidate.PersonId,
            "enrolment", enrolmentId, null, new { Activities = rows.Count, Minutes = rows.Sum(r => r.Entry.Minutes) }),
            tx, ct);
        await tx.CommitAsync(ct);
        return [];
    }

    static string Lower(string message) => char.ToLowerInvariant(message[0]) + message[1..];
}
