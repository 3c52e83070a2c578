using System.Security.Cryptography;

namespace Portfolio.Storage;

public enum UploadRejectionReason
{
    Empty,
    TooLarge,
    TypeNotAccepted,
}

/// <summary>Why an upload was not stored, with a message fit to show on the form.</summary>
public sealed record UploadRejected(UploadRejectionReason Reason, string Message);

/// <summary>A file held in the store: its SHA-256 (its address), size in bytes and type.</summary>
public sealed record StoredFile(string Sha256, long Size, StoredFileType Type);

/// <summary>Either the stored file or why it was refused; exactly one is set.</summary>
public sealed record UploadResult(StoredFile? File, UploadRejected? Rejected)
{
    public bool IsStored => File is not null;
}

/// <summary>
/// Content-addressed file storage on the local file system, under a root outside the web root.
/// A file lives at <c>ab/cd/&lt;sha256&gt;</c>, so the same file uploaded twice is kept once and
/// no user-supplied name ever becomes a path. Uploads go to <c>tmp/</c> in the same root first,
/// so the final move is an atomic rename on one file system.
/// This is where an S3-compatible store would slot in for several web nodes.
/// </summary>
public sealed class FileStore
{
    private const string TempFolder = "tmp";
    private const int BufferSize = 81920;

    private readonly string root;
    private readonly TimeProvider time;

    public FileStore(string root, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        this.root = Path.GetFullPath(root);
        this.time = time ?? TimeProvider.System;
        Directory.CreateDirectory(Path.Combine(this.root, TempFolder));
    }

    public string Root => root;

    /// <summary>
    /// Streams <paramref name="source"/> into the store, hashing as it goes. Refuses empty files,
    /// files over <paramref name="maxBytes"/> (stopping as soon as the limit is passed) and files
    /// whose content is not an accepted type. Nothing is left behind on refusal, error or cancellation.
    /// </summary>
    public async Task<UploadResult> SaveAsync(Stream source, long maxBytes, CancellationToken cancellationToken, string? claimedName = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        string tempPath = Path.Combine(root, TempFolder, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            long size = 0;
            string sha256;
            await using (var temp = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                byte[] buffer = new byte[BufferSize];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        return Rejected(UploadRejectionReason.TooLarge, $"The file is larger than the {DescribeSize(maxBytes)} limit. Please make it smaller (for example, compress images or split a long recording) and try again.");
                    }
                    hash.AppendData(buffer, 0, read);
                    await temp.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (size == 0)
            {
                return Rejected(UploadRejectionReason.Empty, "The file is empty. Please check you chose the right file.");
            }

            SniffResult sniff;
            await using (var check = new FileStream(tempPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
            {
                sniff = FileTypeSniffer.Sniff(check, claimedName);
            }
            if (sniff.Type is not { } type)
            {
                return Rejected(UploadRejectionReason.TypeNotAccepted, sniff.RejectionReason!);
            }

            cancellationToken.ThrowIfCancellationRequested();
            string finalPath = PathOf(sha256);
            if (!File.Exists(finalPath))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
                try
                {
                    File.Move(tempPath, finalPath, overwrite: false);
                }
                catch (IOException) when (File.Exists(finalPath))
                {
                    // Another upload of the same content won the race; its copy is identical.
                }
            }
            return new UploadResult(new StoredFile(sha256, size, type), null);
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    /// <summary>Opens a stored file for reading, or returns null when there is no such file.</summary>
    public Stream? OpenRead(string sha256)
    {
        if (!Exists(sha256))
        {
            return null;
        }
        return new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>Every stored file's hash with when it was written, for sweeping files nothing refers to.</summary>
    public IEnumerable<(string Sha256, DateTime WrittenAt)> Stored()
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            if (IsSha256(name) && path == PathOf(name))
            {
                yield return (name, File.GetLastWriteTimeUtc(path));
            }
        }
    }

    public bool Exists(string sha256) => IsSha256(sha256) && File.Exists(PathOf(sha256));

    /// <summary>Deletes a stored file. Only call once nothing refers to it: the same content may back several uploads.</summary>
    public bool Delete(string sha256)
    {
        if (!Exists(sha256))
        {
            return false;
        }
        File.Delete(PathOf(sha256));
        return true;
    }

    /// <summary>Removes temporary files older than <paramref name="olderThan"/> left by a crash mid-upload; returns how many.</summary>
    public int SweepTemp(TimeSpan olderThan)
    {
        DateTime cutoff = time.GetUtcNow().UtcDateTime - olderThan;
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(Path.Combine(root, TempFolder)))
        {
            if (File.GetLastWriteTimeUtc(path) < cutoff && TryDelete(path))
            {
                removed++;
            }
        }
        return removed;
    }

    /// <summary>True for 64 lower-case hex digits: the only shape of name that may become a path.</summary>
    public static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private string PathOf(string sha256)
    {
        if (!IsSha256(sha256))
        {
            throw new ArgumentException("Not a SHA-256 in lower-case hex.", nameof(sha256));
        }
        return Path.Combine(root, sha256[..2], sha256[2..4], sha256);
    }

    private static UploadResult Rejected(UploadRejectionReason reason, string message) => new(null, new UploadRejected(reason, message));

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string DescribeSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
