using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Mail;

/// <summary>
/// The secret in a link sent by email (an invitation, a password reset, a witness's request): 32 random bytes, safe in
/// an address. Only its SHA-256 is stored, so a copy of the database opens no link.
/// </summary>
public static class OneTimeToken
{
    public static string New() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
