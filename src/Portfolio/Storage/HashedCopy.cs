using System.Security.Cryptography;

namespace Portfolio.Storage;

/// <summary>Copying with a SHA-256 of what passed, as backups and restores check stored files and dumps.</summary>
public static class HashedCopy
{
    public static async Task<(string Sha256, long Size)> CopyAsync(Stream from, Stream? to, CancellationToken ct,
        Action<long>? progress = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 17];
        long size = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            if (to is not null)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            size += read;
            progress?.Invoke(size);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }
}
