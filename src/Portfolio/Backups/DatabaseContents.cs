using Dapper;
using Npgsql;

namespace Portfolio.Backups;

/// <summary>What a backup checks a database by: its schema version, every table's rows, the files its rows
/// name.</summary>
public static class DatabaseContents
{
    /// <summary>Tables whose rows stay out of archives (a restored copy has no history of the original's
    /// backups).</summary>
    public static readonly string[] TablesWithoutRows = ["backup_runs"];

    // FluentMigrator's own table keeps its quoted PascalCase names.
    const string SchemaVersionSql = """SELECT coalesce(max("Version"), 0) FROM "VersionInfo" """;

    /// <summary>The newest migration applied.</summary>
    public static Task<long> SchemaVersionAsync(NpgsqlConnection conn, CancellationToken ct) =>
        conn.ExecuteScalarAsync<long>(new CommandDefinition(SchemaVersionSql, cancellationToken: ct));

    // Table names cannot be parameters: PostgreSQL itself quotes the catalogue's names into one counting statement.
    const string CountingStatementSql = """
        SELECT string_agg(format('SELECT %L AS name, count(*) AS rows FROM public.%I', table_name, table_name),
                          ' UNION ALL ' ORDER BY table_name)
        FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ALL(@skip)
        """;

    /// <summary>Every table's row count (as the connection's transaction sees the data), by table name.</summary>
    public static async Task<SortedDictionary<string, long>> CountRowsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var statement = await conn.ExecuteScalarAsync<string?>(
            new CommandDefinition(CountingStatementSql, new { skip = TablesWithoutRows }, cancellationToken: ct));
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (statement is null)
        {
            return counts;
        }
        foreach (var (name, rows) in await conn.QueryAsync<(string, long)>(
                     new CommandDefinition(statement, commandTimeout: 0, cancellationToken: ct)))
        {
            counts[name] = rows;
        }
        return counts;
    }

    const string StoredFilesSql = "SELECT sha256, size FROM stored_files ORDER BY sha256";

    /// <summary>Every file the database refers to, with the size it recorded.</summary>
    public static async Task<List<(string Sha256, long Size)>> StoredFilesAsync(NpgsqlConnection conn,
        CancellationToken ct) =>
        (await conn.QueryAsync<(string, long)>(new CommandDefinition(StoredFilesSql, cancellationToken: ct))).ToList();

    const string TableCountSql = """
        SELECT count(*) FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
        """;

    /// <summary>
    /// A connection of its own for a one-off job: never left in a pool, where it would outlive a cluster the job stops.
    /// </summary>
    public static NpgsqlConnection Unpooled(string connectionString) =>
        new(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);

    /// <summary>True when the database has no tables at all: a restore goes only into such a one.</summary>
    public static async Task<bool> IsEmptyAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = Unpooled(connectionString);
        await conn.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(TableCountSql, cancellationToken: ct)) == 0;
    }
}
