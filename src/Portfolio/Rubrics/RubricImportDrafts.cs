using Dapper;
using Npgsql;

namespace Portfolio.Rubrics;

public sealed record RubricImportDraft(long Id, string FileName, string Content);

/// <summary>Uploads waiting for the administrator to confirm their preview; one centre never sees another's.</summary>
public sealed class RubricImportDrafts(NpgsqlDataSource db)
{
    // A preview left for a day is dropped when anyone next uploads.
    const string SaveSql = """
        DELETE FROM rubric_import_drafts WHERE created_at < now() - interval '1 day';
        INSERT INTO rubric_import_drafts (centre_id, file_name, content) VALUES (@centreId, @fileName, @content)
        RETURNING id;
        """;

    public async Task<long> SaveAsync(long centreId, string fileName, string content, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(SaveSql, new { centreId, fileName, content },
            cancellationToken: ct));
    }

    const string FindSql = """
        SELECT id, file_name, content FROM rubric_import_drafts WHERE id = @id AND centre_id = @centreId
        """;

    public async Task<RubricImportDraft?> FindAsync(long centreId, long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<RubricImportDraft>(new CommandDefinition(FindSql,
            new { centreId, id }, cancellationToken: ct));
    }

    const string DeleteSql = "DELETE FROM rubric_import_drafts WHERE id = @id AND centre_id = @centreId";

    public async Task DeleteAsync(long centreId, long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(DeleteSql, new { centreId, id }, cancellationToken: ct));
    }
}
