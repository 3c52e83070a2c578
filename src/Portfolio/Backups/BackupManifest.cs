using System.Text.Json;

namespace Portfolio.Backups;

/// <summary>A part of an archive (the database dump or a stored file): its entry name, size and SHA-256.</summary>
public sealed record ArchivedPart(string Name, long Size, string Sha256);

/// <summary>
/// What a backup archive holds, written into it as <c>manifest.json</c>: which Portfolio and schema made it, every
/// table's row count at the moment of the dump, and the size and SHA-256 of the dump and of every stored file.
/// </summary>
public sealed record BackupManifest(
    int Format,
    string PortfolioVersion,
    long SchemaVersion,
    DateTime CreatedAt,
    ArchivedPart Database,
    IReadOnlyDictionary<string, long> Tables,
    IReadOnlyList<ArchivedPart> Files)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifest.json";
    public const string DatabaseEntry = "database.dump";

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public long FileBytes => Files.Sum(f => f.Size);

    /// <summary>A stored file's entry name in the archive: the file store's own layout under files/.</summary>
    public static string FileEntry(string sha256) => $"files/{sha256[..2]}/{sha256[2..4]}/{sha256}";

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The manifest read back, or null when the text is not a manifest of a format this version
    /// knows.</summary>
    public static BackupManifest? FromJson(string text)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(text, Json);
            return manifest is { Format: CurrentFormat, Database: not null, Tables: not null,
                Files: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The version of Portfolio that is running, as its assemblies state it.</summary>
    public static string RunningVersion() =>
        typeof(BackupManifest).Assembly.GetName().Version?.ToString() ?? "unknown";
}

/// <summary>A backup, restore or upgrade could not go ahead; the message says why and what to do.</summary>
public sealed class BackupException(string message) : Exception(message);
