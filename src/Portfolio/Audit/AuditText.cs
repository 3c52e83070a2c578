using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Audit;

/// <summary>
/// What the audit trail keeps of a text: its length in characters and its SHA-256, never the text. The text itself
/// lives in one place (a revision, a judgement, an annotation) that erasure and redaction can reach.
/// </summary>
public sealed record TextFacts(int Chars, string Sha256);

public static class AuditText
{
    /// <summary>Null for no text; characters are counted as PostgreSQL's length() counts them (code points).</summary>
    public static TextFacts? Of(string? text) => text is null ? null : new(text.EnumerateRunes().Count(), Sha256(text));

    /// <summary>The SHA-256 of a text's UTF-8 bytes, in lower-case hex: what the audit and a witness's confirmation
    /// keep of the text.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static IReadOnlyList<TextFacts> OfEach(IEnumerable<string> texts) => texts.Select(t => Of(t)!).ToList();
}
