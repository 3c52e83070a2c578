using Dapper;
using Npgsql;

namespace Portfolio.Storage;

/// <summary>
/// Removes what a failed or interrupted upload can leave behind: temporary files, and stored files that no database
/// row refers to (the file was written but the transaction that would have recorded it did not commit). Only files
/// older than the grace period are touched, so an upload in progress is never swept.
/// </summary>
public sealed class FileSweep(FileStore files, NpgsqlDataSource db, TimeProvider clock)
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromHours(1);

    const string ReferencedSql = "SELECT sha256 FROM stored_files WHERE sha256 = ANY(@hashes)";

    public sealed record Result(int TemporaryRemoved, int OrphansRemoved);

    public async Task<Result> SweepAsync(TimeSpan? olderThan = null, CancellationToken ct = default)
    {
        var grace = olderThan ?? GracePeriod;
        var temporary = files.SweepTemp(grace);
        var cutoff = clock.GetUtcNow().UtcDateTime - grace;
        var candidates = files.Stored().Where(f => f.WrittenAt < cutoff).Select(f => f.Sha256).ToList();
        var orphans = 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        foreach (var batch in candidates.Chunk(1000))
        {
            var referenced = (await conn.QueryAsync<string>(new CommandDefinition(ReferencedSql, new { hashes = batch }, cancellationToken: ct))).ToHashSet();
            foreach (var sha in batch.Where(h => !referenced.Contains(h)))
            {
                orphans += files.Delete(sha) ? 1 : 0;
            }
        }
        return new Result(temporary, orphans);
    }
}
