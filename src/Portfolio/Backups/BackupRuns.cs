using Dapper;
using Npgsql;
using Portfolio.Storage;

namespace Portfolio.Backups;

/// <summary>
/// Takes backups and keeps their record: each attempt, made by the backup command or the daily backup, is a row in
/// backup_runs that the administrator's home page reads. After a success only the newest <c>keep</c> archives stay.
/// </summary>
public sealed class BackupRuns(NpgsqlDataSource db, TimeProvider clock)
{
    public sealed record Run(DateTime StartedAt, DateTime FinishedAt, bool Succeeded, string Archive, long? SizeBytes,
        string Message);

    /// <summary>The newest successful backup and the newest attempt (the same run when that succeeded).</summary>
    public sealed record Status(Run? LastSuccess, Run? LastAttempt)
    {
        /// <summary>A backup older than this is worth a warning on the administrator's home page.</summary>
        public static readonly TimeSpan TooOld = TimeSpan.FromDays(2);

        public bool LastAttemptFailed => LastAttempt is { Succeeded: false };

        public bool IsTooOld(DateTime now) => LastSuccess is null || now - LastSuccess.FinishedAt > TooOld;
    }

    public async Task<BackupResult> BackUpAsync(PostgresTools tools, string connectionString, FileStore files,
        string folder, int? keep, Action<string> report, CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        try
        {
            var result = await new BackupWriter(tools, connectionString, files, clock).WriteAsync(folder, report, ct);
            await RecordAsync(new Run(started, clock.GetUtcNow().UtcDateTime, true, result.Archive, result.Size, ""),
                ct);
            if (keep is > 0)
            {
                RemoveAllBut(folder, keep.Value, report);
            }
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAsync(new Run(started, clock.GetUtcNow().UtcDateTime, false, folder, null, e.Message),
                CancellationToken.None);
            throw;
        }
    }

    static void RemoveAllBut(string folder, int keep, Action<string> report)
    {
        var archives = Directory.GetFiles(folder, BackupWriter.Prefix + "*" + BackupWriter.Extension)
            .OrderDescending(StringComparer.Ordinal).Skip(keep);
        foreach (var old in archives)
        {
            File.Delete(old);
            report($"Removed the older backup {Path.GetFileName(old)} (keeping the newest {keep}).");
        }
    }

    const string RecordSql = """
        INSERT INTO backup_runs (started_at, finished_at, succeeded, archive, size_bytes, message)
        VALUES (@StartedAt, @FinishedAt, @Succeeded, @Archive, @SizeBytes, @Message)
        """;

    /// <summary>Records an attempt; a database not yet migrated to have the table (an older site running) is
    /// skipped.</summary>
    public async Task RecordAsync(Run run, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(RecordSql, run, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
        }
    }

    const string StatusSql = """
        (SELECT started_at, finished_at, succeeded, archive, size_bytes, message FROM backup_runs
         WHERE succeeded ORDER BY finished_at DESC LIMIT 1)
        UNION ALL
        (SELECT started_at, finished_at, succeeded, archive, size_bytes, message FROM backup_runs
         ORDER BY finished_at DESC LIMIT 1)
        """;

    public async Task<Status> StatusAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var runs = (await conn.QueryAsync<Run>(new CommandDefinition(StatusSql, cancellationToken: ct))).ToList();
        return new Status(runs.Where(r => r.Succeeded).MaxBy(r => r.FinishedAt), runs.MaxBy(r => r.FinishedAt));
    }
}
