using Dapper;
using Portfolio.Assessment;
using Portfolio.Audit;

namespace Portfolio.Hours;

public sealed partial class HoursStore
{
    const string DecideSql = """
        UPDATE learning_hours SET status = @status, comment = @comment, decided_by = @assessorId, decided_at = now()
        WHERE id = @entryId AND xmin::text::bigint = @version
        """;

    /// <summary>
    /// The assessor confirms an entry, or queries it with a comment: a queried entry goes back to the candidate with a
    /// notification, written in the same transaction.
    /// </summary>
    public async Task<HoursRefusal> DecideAsync(HoursViewer assessor, long entryId, long version, bool confirm,
        string? comment, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await conn.QuerySingleOrDefaultAsync<HoursEntry>(new CommandDefinition(
                EntrySql + " FOR UPDATE OF h",
            Merge(Who(assessor), new { entryId }), tx, cancellationToken: ct));
        if (before is null)
        {
            return HoursRefusal.NotFound;
        }
        var status = confirm ? EntryStatus.Confirmed : EntryStatus.Queried;
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (await conn.ExecuteAsync(new CommandDefinition(DecideSql, new { entryId, version, status, comment,
                assessorId = assessor.PersonId }, tx, cancellationToken: ct)) != 1)
        {
            return HoursRefusal.Stale;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent(confirm ? "hours.confirmed" : "hours.queried",
            assessor.CentreId, assessor.PersonId, "learning_hours", entryId,
            new { before.Status, before.Comment }, new { Status = status, Comment = comment }), tx, ct);
        if (!confirm)
        {
            var candidateId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT candidate_id FROM enrolments WHERE id = @enrolmentId", new { before.EnrolmentId }, tx,
                cancellationToken: ct));
            await Notifications.NotifyAsync(conn, tx, assessor.CentreId, candidateId,
                $"Your assessor queried your learning hours of {before.Date:d MMMM yyyy}: {comment}",
                $"/Portfolio/Hours/Entry?id={entryId}", ct);
        }
        await tx.CommitAsync(ct);
        return HoursRefusal.None;
    }
}
