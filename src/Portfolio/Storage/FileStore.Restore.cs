namespace Portfolio.Storage;

/// <summary>Putting back files from a backup, by the hash they were stored under.</summary>
public sealed partial class FileStore
{
    /// <summary>
    /// Stores <paramref name="content"/> at the address <paramref name="sha256"/>, refusing (and keeping nothing) when
    /// the content's hash is not that address. Answers true when it was stored, false when it did not match.
    /// </summary>
    public async Task<bool> PlaceAsync(string sha256, Stream content, CancellationToken ct)
    {
        string tempPath = Path.Combine(root, TempFolder, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            string actual;
            await using (var temp = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                BufferSize, useAsync: true))
            {
                (actual, _) = await HashedCopy.CopyAsync(content, temp, ct);
                temp.Flush(flushToDisk: true);
            }
            if (actual != sha256)
            {
                return false;
            }
            MoveIntoPlace(tempPath, PathOf(sha256));
            return true;
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    /// <summary>True when a folder holds no stored file (it may be missing, or hold only an empty temporary
    /// folder).</summary>
    public static bool IsEmptyFolder(string folder) =>
        !Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any();
}
