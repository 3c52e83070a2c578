using System.Data;
using Dapper;
using Npgsql;
using Portfolio.Storage;

namespace Portfolio.Backups;

/// <summary>
/// A dump of the database and, from the very same snapshot, its schema version, row counts and referenced files, so
/// what the manifest promises is exactly what the dump holds even while the site keeps writing.
/// </summary>
public sealed record ConsistentDump(long SchemaVersion, SortedDictionary<string, long> Tables,
    List<(string Sha256, long Size)> Files)
{
    public static async Task<ConsistentDump> WriteAsync(PostgresTools tools, string connectionString, string file,
        Action<string> report, CancellationToken ct)
    {
        await using var conn = DatabaseContents.Unpooled(connectionString);
        await conn.OpenAsync(ct);
        await using var snapshotHolder = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var snapshot = await conn.ExecuteScalarAsync<string>(
            new CommandDefinition("SELECT pg_export_snapshot()", cancellationToken: ct)) ?? "";
        var schema = await DatabaseContents.SchemaVersionAsync(conn, ct);
        var tables = await DatabaseContents.CountRowsAsync(conn, ct);
        var files = await DatabaseContents.StoredFilesAsync(conn, ct);
        report($"Database at schema version {schema}: {tables.Count} tables, {tables.Values.Sum():N0} rows, " +
               $"{files.Count:N0} files ({Sizes.Describe(files.Sum(f => f.Size))}).");
        var lastReport = DateTime.UtcNow;
        await tools.DumpAsync(connectionString, snapshot, file, DatabaseContents.TablesWithoutRows, size =>
        {
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = DateTime.UtcNow;
                report($"  dumping the database: {Sizes.Describe(size)} so far");
            }
        }, ct);
        // The snapshot must stay open until pg_dump has finished reading it.
        await snapshotHolder.CommitAsync(ct);
        report($"Dumped the database ({Sizes.Describe(new FileInfo(file).Length)}).");
        return new ConsistentDump(schema, tables, files);
    }
}
