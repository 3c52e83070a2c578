using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Portfolio.Storage;
using Portfolio.Tests.Storage;

namespace Portfolio.Tests.Commands;

/// <summary>
/// A database with a centre, the shipped rubric, people, an enrolment and stored files (one of them not referred to by
/// any row), made once for the backup tests; and what tests compare a restored copy by.
/// </summary>
public sealed class PopulatedCentre : TestDatabase
{
    public string FilesFolder { get; } = TempFolder("files");

    /// <summary>A stored file nothing in the database refers to: backups leave it out.</summary>
    public string Unreferenced { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var enrolled = await EnrolledCandidateAsync();
        await PersonAsync(enrolled.CentreId, "admin");
        var store = new FileStore(FilesFolder);
        await using var conn = await DataSource.OpenConnectionAsync();
        foreach (var (name, content) in new[] { ("plan.pdf", SampleFiles.Pdf("Action plan for a client")),
                     ("map.png", SampleFiles.Png()), ("notes.txt", SampleFiles.Text("Review notes")) })
        {
            var file = (await store.SaveAsync(new MemoryStream(content), 1_000_000, CancellationToken.None,
                name)).File!;
            await conn.ExecuteAsync(
                "INSERT INTO stored_files (sha256, size, mime_type) VALUES (@sha256, @size, @mimeType)",
                new { sha256 = file.Sha256, size = file.Size, mimeType = "application/octet-stream" });
        }
        Unreferenced = (await store.SaveAsync(new MemoryStream(SampleFiles.Text("left behind")), 1000,
            CancellationToken.None, "left.txt")).File!.Sha256;
    }

    public static string TempFolder(string name) =>
        Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-{name}-{Guid.NewGuid():N}"[..28]);

    /// <summary>Every table's row count, counted here independently of the code under test.</summary>
    public static async Task<SortedDictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        var tables = await conn.QueryAsync<(string Name, string Count)>("""
            SELECT table_name, format('SELECT count(*) FROM public.%I', table_name) FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'backup_runs'
            """);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in tables)
        {
            counts[name] = await conn.ExecuteScalarAsync<long>(count);
        }
        return counts;
    }

    /// <summary>The SHA-256 of every file's content under a file store folder (its temporary folder aside).</summary>
    public static SortedSet<string> FileHashes(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).StartsWith("tmp/", StringComparison.Ordinal))
            .Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(FilesFolder, recursive: true);
    }
}
