using System.IO.Compression;
using Portfolio.Storage;

namespace Portfolio.Backups;

/// <summary>A finished backup: where its archive is, its size and what it holds.</summary>
public sealed record BackupResult(string Archive, long Size, BackupManifest Manifest);

/// <summary>
/// Writes one backup archive (a zip): <c>database.dump</c> (pg_dump's custom format), every stored file the dump
/// refers to under <c>files/</c>, each checked against its hash as it is copied, and <c>manifest.json</c>. The archive
/// is written under a temporary name and renamed only when complete, so a failure never leaves half an archive.
/// </summary>
public sealed class BackupWriter(PostgresTools tools, string connectionString, FileStore files, TimeProvider clock)
{
    public const string Prefix = "portfolio-";
    public const string Extension = ".zip";

    public async Task<BackupResult> WriteAsync(string folder, Action<string> report, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var createdAt = clock.GetUtcNow().UtcDateTime;
        var archive = Path.Combine(folder, $"{Prefix}{createdAt:yyyyMMdd-HHmmss}{Extension}");
        var partial = archive + ".part";
        var dumpFile = archive + ".dump.part";
        report($"Backing up to {archive}");
        try
        {
            var dump = await ConsistentDump.WriteAsync(tools, connectionString, dumpFile, report, ct);
            BackupManifest manifest;
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var database = await AddAsync(zip, BackupManifest.DatabaseEntry, File.OpenRead(dumpFile), ct);
                    var stored = await AddFilesAsync(zip, dump.Files, report, ct);
                    manifest = new BackupManifest(BackupManifest.CurrentFormat, BackupManifest.RunningVersion(),
                        dump.SchemaVersion, createdAt, database, dump.Tables, stored);
                    var entry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Optimal);
                    await using var writer = new StreamWriter(await entry.OpenAsync(ct));
                    await writer.WriteAsync(manifest.ToJson());
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(partial, archive);
            var size = new FileInfo(archive).Length;
            report($"Backup written: {archive} ({Sizes.Describe(size)}).");
            return new BackupResult(archive, size, manifest);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        finally
        {
            File.Delete(dumpFile);
        }
    }

    async Task<List<ArchivedPart>> AddFilesAsync(ZipArchive zip, List<(string Sha256, long Size)> stored,
        Action<string> report, CancellationToken ct)
    {
        var parts = new List<ArchivedPart>(stored.Count);
        var lastReport = DateTime.UtcNow;
        foreach (var (sha256, _) in stored)
        {
            var content = files.OpenRead(sha256)
                ?? throw new BackupException($"The file store has no file {sha256}, which the database refers to.");
            var part = await AddAsync(zip, BackupManifest.FileEntry(sha256), content, ct);
            if (part.Sha256 != sha256)
            {
                throw new BackupException($"The stored file {sha256} no longer matches its hash: it has been damaged.");
            }
            parts.Add(part);
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = DateTime.UtcNow;
                report($"  copying files: {parts.Count:N0} of {stored.Count:N0}");
            }
        }
        report($"Copied {parts.Count:N0} files ({Sizes.Describe(parts.Sum(p => p.Size))}), every hash checked.");
        return parts;
    }

    /// <summary>Adds one entry, stored as it is (dumps and uploads are compressed already), and hashes it on the
    /// way.</summary>
    static async Task<ArchivedPart> AddAsync(ZipArchive zip, string name, Stream content, CancellationToken ct)
    {
        await using (content)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(ct);
            var (sha256, size) = await HashedCopy.CopyAsync(content, target, ct);
            return new ArchivedPart(name, size, sha256);
        }
    }
}
