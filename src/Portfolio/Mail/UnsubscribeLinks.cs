using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Portfolio.Mail;

/// <summary>
/// The token in a message's unsubscribe link: the person's id and the kind of email, signed with the site's key
/// (HMAC-SHA256), so it works without signing in, cannot be altered to reach another person or kind, and needs
/// nothing stored per message. The key is one random row in the database, shared by every node.
/// </summary>
public sealed class UnsubscribeLinks(NpgsqlDataSource db)
{
    public const string Page = "/Account/Unsubscribe";

    byte[]? key;

    const string CreateKeySql =
        "INSERT INTO unsubscribe_keys (id, secret) VALUES (1, @secret) ON CONFLICT (id) DO NOTHING";
    const string KeySql = "SELECT secret FROM unsubscribe_keys WHERE id = 1";

    async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (key is { } known)
        {
            return known;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(CreateKeySql, new { secret = RandomNumberGenerator.GetBytes(32) },
            cancellationToken: ct));
        return key = await conn.QuerySingleAsync<byte[]>(new CommandDefinition(KeySql, cancellationToken: ct));
    }

    static string Signature(byte[] key, long personId, string kind) => System.Buffers.Text.Base64Url.EncodeToString(
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{personId}.{kind}")));

    public async Task<string> TokenAsync(long personId, string kind, CancellationToken ct = default) =>
        $"{personId}.{kind}.{Signature(await KeyAsync(ct), personId, kind)}";

    /// <summary>The person and kind a token names; null when it is malformed, altered or of no offered kind.</summary>
    public async Task<(long PersonId, string Kind)?> ReadAsync(string? token, CancellationToken ct = default)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var personId)
            || !NotificationKinds.CanUnsubscribe(parts[1]))
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(Signature(await KeyAsync(ct), personId, parts[1]));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2]))
            ? (personId, parts[1])
            : null;
    }
}
