using System.Collections.Concurrent;
using System.Text;
using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Rubrics;

/// <summary>What an import did: the problems (nothing imported), or the version it made or found unchanged.</summary>
public sealed record RubricImport(IReadOnlyList<RubricProblem> Problems, string? Code = null, long? QualificationId = null,
    long? VersionId = null, int? Number = null, bool Created = false, RubricDiff? Changes = null)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>What the administrator is told after a successful import.</summary>
    public string Outcome => Created
        ? $"{Code} imported as version {Number}."
        : $"{Code} is unchanged: still version {Number}.";
}

public sealed record RubricVersionSummary(long Id, long QualificationId, string Code, int Number, string Title, int Level,
    string AwardingOrganisation, string ContentHash, DateTime CreatedAt, int Enrolments)
{
    /// <summary>Code, level and awarding organisation; no level when the rubric states none (as a CASE package
    /// from another publisher does).</summary>
    public string Described =>
        Level > 0 ? $"{Code}, level {Level}, {AwardingOrganisation}" : $"{Code}, {AwardingOrganisation}";
}

/// <summary>A marking point as stored in one version, with the database id that mappings and judgements refer to.</summary>
public sealed record StoredMarkingPoint(long Id, string Code, string Text, string ElementCode, string ElementTitle, string UnitCode, string UnitTitle);

/// <summary>Rubric versions in the database: import (a new version only when the content changed), read back, compare.</summary>
public sealed class RubricStore(NpgsqlDataSource db)
{
    const string LockQualificationSql = """
        INSERT INTO qualifications (centre_id, code) VALUES (@centreId, @code) ON CONFLICT (centre_id, code) DO NOTHING;
        SELECT id FROM qualifications WHERE centre_id = @centreId AND code = @code FOR UPDATE;
        """;

    const string LatestSql = "SELECT id, number, content_hash FROM rubric_versions WHERE qualification_id = @qualificationId ORDER BY number DESC LIMIT 1";

    const string InsertVersionSql = """
        INSERT INTO rubric_versions (qualification_id, number, content_hash, title, level, awarding_organisation,
            created_by,
                                     guided_learning_hours, off_the_job_minimum_hours, witness_kinds)
        VALUES (@qualificationId, @number, @hash, @title, @level, @awardingOrganisation, @actorId,
                @guidedLearningHours, @offTheJobMinimumHours, @witnessKinds) RETURNING id
        """;

    const string InsertFileSql = "INSERT INTO rubric_files (rubric_version_id, path, content) VALUES (@versionId, @path, @content)";
    const string InsertUnitSql = "INSERT INTO rubric_units (rubric_version_id, code, title, position) VALUES (@versionId, @code, @title, @position) RETURNING id";

    const string InsertElementSql = """
        INSERT INTO rubric_elements (rubric_version_id, unit_id, code, title, synopsis, key_concepts, guidance, common_mistakes, position)
        VALUES (@versionId, @unitId, @code, @title, @synopsis, @keyConcepts, @guidance, @commonMistakes, @position) RETURNING id
        """;

    const string InsertPointSql = """
        INSERT INTO marking_points (rubric_version_id, element_id, code, text, evidence_kinds, position)
        VALUES (@versionId, @elementId, @code, @text, @evidenceKinds, @position)
        """;

    sealed record Latest(long Id, int Number, string ContentHash);

    /// <summary>Validates the files and imports them for the centre; with any problem nothing is written.</summary>
    public async Task<RubricImport> ImportAsync(long centreId, long? actorId, IReadOnlyList<RubricFile> files, CancellationToken ct = default)
    {
        var loaded = RubricLoader.Load(files);
        if (!loaded.Succeeded)
        {
            return new RubricImport(loaded.Problems);
        }
        var q = loaded.Qualification!;
        var hash = q.ContentHash();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var qualificationId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(LockQualificationSql, new { centreId, code = q.Code }, tx, cancellationToken: ct));
        var latest = await conn.QuerySingleOrDefaultAsync<Latest>(new CommandDefinition(LatestSql, new { qualificationId }, tx, cancellationToken: ct));
        if (latest?.ContentHash == hash)
        {
            await tx.RollbackAsync(ct);
            return new RubricImport([], q.Code, qualificationId, latest.Id, latest.Number, Created: false, Changes: null);
        }
        var previous = latest is null ? null : await TreeAsync(conn, tx, latest.Id, ct);
        var number = (latest?.Number ?? 0) + 1;
        var versionId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertVersionSql, new
        {
            qualificationId, number, hash, title = q.Title, level = q.Level, awardingOrganisation = q.AwardingOrganisation, actorId,
            guidedLearningHours = q.GuidedLearningHours, offTheJobMinimumHours = q.OffTheJobMinimumHours,
            witnessKinds = q.WitnessRequired.Select(k => k.Key()).ToArray(),
        }, tx, cancellationToken: ct));
        foreach (var file in files.Where(f => f.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)))
        {
            await conn.ExecuteAsync(new CommandDefinition(InsertFileSql, new { versionId, path = file.Path, content = Encoding.UTF8.GetString(file.Content) }, tx, cancellationToken: ct));
        }
        for (var u = 0; u < q.Units.Count; u++)
        {
            var unit = q.Units[u];
            var unitId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertUnitSql, new { versionId, code = unit.Id, title = unit.Title, position = u }, tx, cancellationToken: ct));
            for (var e = 0; e < unit.Elements.Count; e++)
            {
                var element = unit.Elements[e];
                var elementId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertElementSql, new
                {
                    versionId, unitId, code = element.Id, title = element.Title, synopsis = element.Synopsis, keyConcepts = element.KeyConcepts,
                    guidance = element.Guidance, commonMistakes = element.CommonMistakes, position = e,
                }, tx, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition(InsertPointSql, element.MarkingPoints.Select((p, i) => new
                {
                    versionId, elementId, code = p.Id, text = p.Text, evidenceKinds = p.EvidenceKinds.Select(k => k.Key()).ToArray(), position = i,
                }), tx, cancellationToken: ct));
            }
        }
        var changes = previous is null ? null : RubricDiff.Between(previous, q);
        await AuditTrail.WriteAsync(conn, new AuditEvent("rubric.imported", centreId, actorId, "rubric_version", versionId, After: new
        {
            q.Code, number, hash,
            pointsAdded = changes?.PointsAdded.Count, pointsRemoved = changes?.PointsRemoved.Count, pointsReworded = changes?.PointsReworded.Count,
        }), tx, ct);
        await tx.CommitAsync(ct);
        return new RubricImport([], q.Code, qualificationId, versionId, number, Created: true, Changes: changes);
    }

    const string VersionsSql = """
        SELECT v.id, v.qualification_id, q.code, v.number, v.title, v.level, v.awarding_organisation, v.content_hash, v.created_at,
               (SELECT count(*) FROM enrolments e WHERE e.rubric_version_id = v.id)::int AS enrolments
        FROM rubric_versions v JOIN qualifications q ON q.id = v.qualification_id
        WHERE q.centre_id = @centreId AND (@qualificationId::bigint IS NULL OR q.id = @qualificationId)
        ORDER BY q.code, v.number DESC
        """;

    /// <summary>The centre's rubric versions, newest first within each qualification.</summary>
    public async Task<IReadOnlyList<RubricVersionSummary>> VersionsAsync(long centreId, long? qualificationId = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<RubricVersionSummary>(new CommandDefinition(VersionsSql, new { centreId, qualificationId }, cancellationToken: ct))).ToList();
    }

    const string VersionInCentreSql = """
        SELECT v.id FROM rubric_versions v JOIN qualifications q ON q.id = v.qualification_id
        WHERE v.id = @versionId AND q.centre_id = @centreId
        """;

    /// <summary>The version's tree, or null when it is not the centre's.</summary>
    public async Task<Qualification?> TreeAsync(long centreId, long versionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var found = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(VersionInCentreSql, new { centreId, versionId }, cancellationToken: ct));
        return found is null ? null : await TreeAsync(conn, null, versionId, ct);
    }

    const string TreeSql = """
        SELECT q.code, v.title, v.level, v.awarding_organisation, v.guided_learning_hours, v.off_the_job_minimum_hours,
               array_to_string(v.witness_kinds, ',') AS witness_kinds
        FROM rubric_versions v JOIN qualifications q ON q.id = v.qualification_id WHERE v.id = @versionId;
        SELECT id, code, title FROM rubric_units WHERE rubric_version_id = @versionId ORDER BY position;
        SELECT id, unit_id, code, title, synopsis, key_concepts, guidance, common_mistakes FROM rubric_elements WHERE rubric_version_id = @versionId ORDER BY position;
        SELECT element_id, code, text, evidence_kinds FROM marking_points WHERE rubric_version_id = @versionId ORDER BY position;
        """;

    sealed record VersionRow(string Code, string Title, int Level, string AwardingOrganisation,
        int? GuidedLearningHours,
        int? OffTheJobMinimumHours,
        string WitnessKinds);
    sealed record UnitRow(long Id, string Code, string Title);
    sealed record ElementRow(long Id, long UnitId, string Code, string Title, string Synopsis, string KeyConcepts, string Guidance, string CommonMistakes);

    sealed class PointRow
    {
        public long ElementId { get; init; }
        public string Code { get; init; } = "";
        public string Text { get; init; } = "";
        public string[] EvidenceKinds { get; init; } = [];
    }

    static async Task<Qualification> TreeAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long versionId, CancellationToken ct)
    {
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(TreeSql, new { versionId }, tx, cancellationToken: ct));
        var version = await grid.ReadSingleAsync<VersionRow>();
        var units = (await grid.ReadAsync<UnitRow>()).ToList();
        var elements = (await grid.ReadAsync<ElementRow>()).ToList();
        var points = (await grid.ReadAsync<PointRow>()).ToLookup(p => p.ElementId);
        return new Qualification(version.Code, version.Title, version.Level, version.AwardingOrganisation, units.Select(u => new Unit(u.Code, u.Title,
            elements.Where(e => e.UnitId == u.Id).Select(e => new Element(e.Code, u.Code, e.Title, e.Synopsis, e.KeyConcepts, e.Guidance, e.CommonMistakes,
                points[e.Id].Select(p => new MarkingPoint(p.Code, p.Text,
                    p.EvidenceKinds.Select(Kind).ToList())).ToList())).ToList())).ToList())
        {
            GuidedLearningHours = version.GuidedLearningHours,
            OffTheJobMinimumHours = version.OffTheJobMinimumHours,
            WitnessRequired = version.WitnessKinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Kind).ToList(),
        };
    }

    static EvidenceKind Kind(string key) => EvidenceKinds.TryParse(key, out var kind) ? kind : EvidenceKind.OtherDocument;

    const string PointsSql = """
        SELECT mp.id, mp.code, mp.text, el.code AS element_code, el.title AS element_title, u.code AS unit_code, u.title AS unit_title
        FROM marking_points mp JOIN rubric_elements el ON el.id = mp.element_id JOIN rubric_units u ON u.id = el.unit_id
        WHERE mp.rubric_version_id = @versionId
        ORDER BY u.position, el.position, mp.position
        """;

    /// <summary>How many versions' points <see cref="PointsAsync"/> keeps; past that it starts afresh.</summary>
    public const int CachedVersions = 1000;

    // A version never changes once imported (the database refuses updates and deletes of its rows), so its points can
    // be kept for the life of the process, on every node, without ever going stale.
    readonly ConcurrentDictionary<long, IReadOnlyList<StoredMarkingPoint>> points = new();

    /// <summary>Every marking point of a version in rubric order, with its element and unit, for choosing and grouping.</summary>
    public async Task<IReadOnlyList<StoredMarkingPoint>> PointsAsync(long versionId, CancellationToken ct = default)
    {
        if (points.TryGetValue(versionId, out var cached))
        {
            return cached;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var read = (await conn.QueryAsync<StoredMarkingPoint>(new CommandDefinition(PointsSql, new { versionId }, cancellationToken: ct))).ToList().AsReadOnly();
        // No points: an id that is not a version (yet: an import may still be in its transaction), so nothing to keep.
        if (read.Count > 0)
        {
            if (points.Count >= CachedVersions)
            {
                points.Clear();
            }
            points[versionId] = read;
        }
        return read;
    }

    const string FilesSql = """
        SELECT f.path, f.content FROM rubric_files f
        JOIN rubric_versions v ON v.id = f.rubric_version_id JOIN qualifications q ON q.id = v.qualification_id
        WHERE f.rubric_version_id = @versionId AND q.centre_id = @centreId ORDER BY f.path
        """;

    /// <summary>The version's source files (for editing and download), or none when it is not the centre's.</summary>
    public async Task<IReadOnlyList<RubricFile>> FilesAsync(long centreId, long versionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Path, string Content)>(new CommandDefinition(FilesSql, new { centreId, versionId }, cancellationToken: ct));
        return rows.Select(r => new RubricFile(r.Path, Encoding.UTF8.GetBytes(r.Content))).ToList();
    }

    /// <summary>Reads every rubric folder under a directory (each holding qualification.md) as files for import.</summary>
    public static IReadOnlyList<IReadOnlyList<RubricFile>> FoldersUnder(string directory) =>
        Directory.GetDirectories(directory)
            .Where(d => File.Exists(Path.Combine(d, RubricLoader.QualificationFileName)))
            .Order(StringComparer.Ordinal)
            .Select(FilesIn)
            .ToList();

    public static IReadOnlyList<RubricFile> FilesIn(string folder) =>
        Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal)
            .Select(f => new RubricFile(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
}
