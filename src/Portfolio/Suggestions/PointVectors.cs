using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Portfolio.Suggestions;

/// <summary>
/// Each marking point's vector, computed once per rubric version (a version never changes) and kept in PostgreSQL so
/// other nodes and later processes read it rather than encode the rubric again; kept in memory once read.
/// </summary>
public sealed class PointVectors(NpgsqlDataSource db)
{
    sealed class Row
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Text { get; init; } = "";
        public string[] EvidenceKinds { get; init; } = [];
        public float[]? Vector { get; set; }
    }

    const string ReadSql = """
        SELECT mp.id, mp.code, mp.text, mp.evidence_kinds, v.vector
        FROM marking_points mp LEFT JOIN marking_point_vectors v ON v.marking_point_id = mp.id AND v.model = @model
        WHERE mp.rubric_version_id = @versionId ORDER BY mp.position, mp.id
        """;

    const string SaveSql = """
        INSERT INTO marking_point_vectors (marking_point_id, rubric_version_id, model, vector)
        VALUES (@id, @versionId, @model, @vector)
        ON CONFLICT (marking_point_id) DO UPDATE SET model = excluded.model, vector = excluded.vector
        """;

    readonly ConcurrentDictionary<long, IReadOnlyList<PointVector>> kept = new();

    /// <summary>The version's points with their vectors, encoding and storing those not yet stored; null without a model.</summary>
    public async Task<IReadOnlyList<PointVector>?> ForVersionAsync(long versionId, SentenceModel model, CancellationToken ct)
    {
        if (kept.TryGetValue(versionId, out var points))
        {
            return points;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(ReadSql,
            new { versionId, model = SentenceModel.Name }, cancellationToken: ct))).ToList();
        var missing = rows.Where(r => r.Vector is null).ToList();
        if (missing.Count > 0)
        {
            if (model.Encode(missing.Select(r => SuggestionScorer.PointText(r.Text)).ToList(), ct) is not { } vectors)
            {
                return null;
            }
            await conn.ExecuteAsync(new CommandDefinition(SaveSql, missing.Select((r, i) => new
            {
                r.Id, versionId, model = SentenceModel.Name, vector = vectors[i],
            }), cancellationToken: ct));
            for (var i = 0; i < missing.Count; i++)
            {
                missing[i].Vector = vectors[i];
            }
        }
        points = rows.Select(r => new PointVector(r.Id, r.Code, r.EvidenceKinds, r.Vector!)).ToList();
        kept[versionId] = points;
        return points;
    }
}
