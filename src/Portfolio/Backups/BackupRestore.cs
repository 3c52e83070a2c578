using System.IO.Compression;
using Npgsql;
using Portfolio.Storage;

namespace Portfolio.Backups;

/// <summary>
/// Reads a backup archive back. <see cref="VerifyAsync"/> checks everything the manifest promises (the dump's and
/// every file's size and SHA-256, nothing missing, nothing extra) and changes nothing; <see cref="RestoreAsync"/> then
/// loads the dump into an empty database, puts the files back and compares every table's row count.
/// </summary>
public static class BackupRestore
{
    public static async Task<BackupManifest> VerifyAsync(string archive, Action<string> report, CancellationToken ct)
    {
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            var manifest = await ReadManifestAsync(zip, ct);
            report($"Archive made by Portfolio {manifest.PortfolioVersion} " +
                   $"on {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC, schema version {manifest.SchemaVersion}.");
            await CheckAsync(zip, manifest.Database, ct);
            report($"Database dump: {Sizes.Describe(manifest.Database.Size)}, SHA-256 matches.");
            foreach (var file in manifest.Files)
            {
                if (file.Name != BackupManifest.FileEntry(file.Sha256))
                {
                    throw Damaged($"the manifest lists {file.Name} under another file's hash");
                }
                await CheckAsync(zip, file, ct);
            }
            var listed = manifest.Files.Select(f => f.Name)
                .Append(manifest.Database.Name).Append(BackupManifest.EntryName);
            if (zip.Entries.Select(e => e.FullName).Except(listed).FirstOrDefault() is { } extra)
            {
                throw Damaged($"it holds {extra}, which its manifest does not list");
            }
            report($"Files: {manifest.Files.Count:N0} ({Sizes.Describe(manifest.FileBytes)}), every hash matches.");
            return manifest;
        }
        catch (InvalidDataException e)
        {
            throw Damaged(e.Message);
        }
        catch (FileNotFoundException)
        {
            throw new BackupException($"There is no archive at {archive}.");
        }
    }

    static BackupException Damaged(string why) =>
        new($"The archive is damaged or is not a Portfolio backup ({why}). Nothing was restored.");

    static async Task<BackupManifest> ReadManifestAsync(ZipArchive zip, CancellationToken ct)
    {
        var entry = zip.GetEntry(BackupManifest.EntryName) ?? throw Damaged("it has no manifest.json");
        using var reader = new StreamReader(await entry.OpenAsync(ct));
        return BackupManifest.FromJson(await reader.ReadToEndAsync(ct)) ?? throw Damaged("its manifest cannot be read");
    }

    static async Task CheckAsync(ZipArchive zip, ArchivedPart part, CancellationToken ct)
    {
        var entry = zip.GetEntry(part.Name) ?? throw Damaged($"{part.Name} is missing");
        await using var content = await entry.OpenAsync(ct);
        var (sha256, size) = await HashedCopy.CopyAsync(content, null, ct);
        if (sha256 != part.Sha256 || size != part.Size)
        {
            throw Damaged($"{part.Name} does not match its checksum");
        }
    }

    /// <summary>
    /// Restores a verified archive into an empty database and file store, then compares every table's row count with
    /// the manifest; throws with the tables that differ.
    /// </summary>
    public static async Task RestoreAsync(string archive, BackupManifest manifest, PostgresTools tools,
        string connectionString, FileStore files, Action<string> report, CancellationToken ct)
    {
        using var zip = ZipFile.OpenRead(archive);
        var dumpFile = Path.Combine(files.Root, "tmp", $"restore-{Guid.NewGuid():N}.dump");
        try
        {
            await using (var dump = File.Create(dumpFile))
            await using (var source = await zip.GetEntry(manifest.Database.Name)!.OpenAsync(ct))
            {
                await source.CopyToAsync(dump, ct);
            }
            report("Loading the database...");
            await tools.RestoreAsync(connectionString, dumpFile, ct);
        }
        finally
        {
            File.Delete(dumpFile);
        }
        foreach (var file in manifest.Files)
        {
            await using var content = await zip.GetEntry(file.Name)!.OpenAsync(ct);
            if (!await files.PlaceAsync(file.Sha256, content, ct))
            {
                throw Damaged($"{file.Name} changed while it was read");
            }
        }
        report($"Put back {manifest.Files.Count:N0} files.");
        await CompareCountsAsync(connectionString, manifest.Tables, ct);
        report($"Row counts match the manifest in all {manifest.Tables.Count} tables " +
               $"({manifest.Tables.Values.Sum():N0} rows).");
    }

    /// <summary>Compares the database's row counts with those recorded at the dump; throws naming each
    /// difference.</summary>
    public static async Task CompareCountsAsync(string connectionString, IReadOnlyDictionary<string, long> expected,
        CancellationToken ct)
    {
        await using var conn = DatabaseContents.Unpooled(connectionString);
        await conn.OpenAsync(ct);
        var actual = await DatabaseContents.CountRowsAsync(conn, ct);
        var differences = expected.Keys.Union(actual.Keys)
            .Where(t => expected.GetValueOrDefault(t, -1) != actual.GetValueOrDefault(t, -1))
            .Select(t => $"{t}: {expected.GetValueOrDefault(t)} expected, {actual.GetValueOrDefault(t)} found")
            .ToList();
        if (differences.Count > 0)
        {
            throw new BackupException(
                "The restored database does not match the manifest: " + string.Join("; ", differences));
        }
    }
}
