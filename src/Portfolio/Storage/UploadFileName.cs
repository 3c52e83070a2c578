using System.Globalization;
using System.Text;

namespace Portfolio.Storage;

/// <summary>
/// Turns the name a browser sent with an upload into a safe name to show and to offer on
/// download. Files are stored by hash, so this name never touches the file system; it is still
/// cleaned so it cannot mislead a reader (bidi tricks), break a header, or save badly on the
/// downloader's machine.
/// </summary>
public static class UploadFileName
{
    public const int MaxLength = 120;
    public const string Fallback = "file";

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Fallback;
        }
        string text = name.Normalize(NormalizationForm.FormC);
        // Old browsers send the whole client path; keep only the last part, whichever separator it uses.
        text = text[(text.LastIndexOfAny(['/', '\\']) + 1)..];

        var cleaned = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue; // includes bidi overrides and zero-width characters
            }
            if (c is '<' or '>' or ':' or '"' or '|' or '?' or '*' or ';' or '%')
            {
                cleaned.Append('_');
                continue;
            }
            cleaned.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        string result = string.Join(' ', cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // Leading dots make hidden files (and "..") ; trailing dots and spaces are dropped by Windows.
        result = result.Trim().Trim('.').Trim();
        if (result.Length == 0)
        {
            return Fallback;
        }

        string stem = Path.GetFileNameWithoutExtension(result);
        if (WindowsDeviceNames.Contains(stem.TrimEnd()))
        {
            result = "_" + result;
        }
        return Shorten(result);
    }

    /// <summary>
    /// A Content-Disposition value that makes the browser download (never display) the file:
    /// an ASCII fallback name for old clients and the full name as RFC 5987 UTF-8.
    /// </summary>
    public static string AttachmentHeader(string? name)
    {
        string safe = Sanitise(name);
        return $"attachment; filename=\"{AsciiFallback(safe)}\"; filename*=UTF-8''{PercentEncode(safe)}";
    }

    /// <summary>The sanitised name with anything outside printable ASCII replaced by '_', for the plain filename parameter.</summary>
    public static string AsciiFallback(string? name)
    {
        string safe = Sanitise(name);
        var ascii = new StringBuilder(safe.Length);
        foreach (Rune rune in safe.EnumerateRunes())
        {
            ascii.Append(rune.Value is >= 0x20 and < 0x7F && rune.Value is not '"' and not '\\' ? (char)rune.Value : '_');
        }
        return ascii.ToString();
    }

    // RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~ pass; everything else is %XX of its UTF-8 bytes.
    private static string PercentEncode(string value)
    {
        var encoded = new StringBuilder(value.Length * 3);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b, StringComparison.Ordinal))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    // Cuts the stem, not the extension, and never in the middle of a character.
    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }
        string extension = Path.GetExtension(name);
        if (extension.Length > 16)
        {
            extension = "";
        }
        string stem = name[..^extension.Length];
        var kept = new StringBuilder();
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(stem);
        while (elements.MoveNext() && kept.Length + elements.GetTextElement().Length + extension.Length <= MaxLength)
        {
            kept.Append(elements.GetTextElement());
        }
        return kept.ToString().TrimEnd(' ', '.') + extension;
    }
}
