using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Portfolio.Storage;

public enum UploadRejectionReason
{
    Empty,
    TooLarge,
    TypeNotAccepted,

    /// <summary>The store could not take the file: its disk is full, read-only, missing or failing.</summary>
    StoreUnavailable,
}

/// <summary>
/// Why an upload was not stored, with a message fit to show on the form; for a store failure, the error behind it,
/// which belongs in the log and never on the page.
/// </summary>
public sealed record UploadRejected(UploadRejectionReason Reason, string Message, Exception? Fault = null);

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
public sealed partial class FileStore
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
    /// whose content is not an accepted type. When the store itself fails (disk full, read-only, gone) the answer is a
    /// <see cref="UploadRejectionReason.StoreUnavailable"/> refusal carrying the error. Nothing is left behind on
    /// refusal, error or cancellation. A stored file is on the disk for good (flushed, and its folder flushed) before
    /// this returns, so a database row written afterwards never names a file a power cut could lose.
    /// </summary>
    public async Task<UploadResult> SaveAsync(Stream source, long maxBytes, CancellationToken cancellationToken, string? claimedName = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        string tempPath = Path.Combine(root, TempFolder, Guid.NewGuid().ToString("N") + ".part");
        // A failing source (the request) is the caller's to report; only the store's own failures become a refusal.
        bool readingSource = false;
        try
        {
            long size = 0;
            string sha256;
            await using (var temp = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                byte[] buffer = new byte[BufferSize];
                while (true)
                {
                    readingSource = true;
                    int read = await source.ReadAsync(buffer, cancellationToken);
                    readingSource = false;
                    if (read == 0)
                    {
                        break;
                    }
                    size += read;
                    if (size > maxBytes)
                    {
                        return Rejected(UploadRejectionReason.TooLarge, $"The file is larger than the {DescribeSize(maxBytes)} limit. Please make it smaller (for example, compress images or split a long recording) and try again.");
                    }
                    hash.AppendData(buffer, 0, read);
                    await temp.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await temp.FlushAsync(cancellationToken);
                temp.Flush(flushToDisk: true);
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
            if (!TryMarkFresh(finalPath))
            {
                MoveIntoPlace(tempPath, finalPath);
            }
            return new UploadResult(new StoredFile(sha256, size, type), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !readingSource)
        {
            return new UploadResult(null, new UploadRejected(UploadRejectionReason.StoreUnavailable,
                "The file could not be saved because the file store is full or not working just now, so nothing was attached. " +
                "Your evidence and its other files are unchanged. Please try again later, and tell your centre administrator if this keeps happening.", e));
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    /// <summary>
    /// For content already held: dates the file now, so the sweep does not take it for an orphan while the new upload's
    /// row is being written. False when there is no such file (or it was swept a moment ago).
    /// </summary>
    private bool TryMarkFresh(string finalPath)
    {
        try
        {
            File.SetLastWriteTimeUtc(finalPath, time.GetUtcNow().UtcDateTime);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Renames the flushed temporary file to its address and flushes each folder that gained an entry.</summary>
    private void MoveIntoPlace(string tempPath, string finalPath)
    {
        string folder = Path.GetDirectoryName(finalPath)!;
        string parent = Path.GetDirectoryName(folder)!;
        bool parentIsNew = !Directory.Exists(parent);
        bool folderIsNew = parentIsNew || !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        try
        {
            File.Move(tempPath, finalPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(finalPath))
        {
            // Another upload of the same content won the race; its copy is identical.
        }
        FlushFolder(folder);
        if (folderIsNew)
        {
            FlushFolder(parent);
        }
        if (parentIsNew)
        {
            FlushFolder(root);
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
        DeleteDisplayCopy(sha256);
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

    /// <summary>
    /// fsync(2) on a folder, so the names just written in it survive a power cut; .NET cannot open a folder as a file,
    /// hence the call into the C library. Linux only: elsewhere the rename is left to the operating system.
    /// </summary>
    private static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        int fd = Native.Open(System.Text.Encoding.UTF8.GetBytes(folder + "\0"), 0); // O_RDONLY
        if (fd < 0)
        {
            throw new IOException($"Could not open {folder} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Native.FSync(fd) != 0)
            {
                throw new IOException($"Could not flush {folder} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open(byte[] nulTerminatedPath, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int FSync(int fd);

        [DllImport("libc", EntryPoint = "close")]
        public static extern int Close(int fd);
    }

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
