using System.Text;

namespace Portfolio.Export;

/// <summary>
/// Makes user text safe to put in a spreadsheet cell: never a formula, always valid XML.
/// </summary>
/// <remarks>
/// Both writers store text as a string cell (a shared or inline string, never an <c>&lt;f&gt;</c> element),
/// so the workbook itself never evaluates it. The danger is what happens next: a user presses F2 and Enter,
/// or saves the sheet as CSV and opens that, and a text starting with = + - @ (or a tab, CR or LF before
/// one) becomes a live formula (DDE, HYPERLINK to an attacker's site). So such text also gets a literal
/// apostrophe in front (the OWASP advice). Unlike the cell style's quotePrefix flag, a literal apostrophe
/// survives copy-paste and CSV export, and when Excel or LibreOffice re-parses an edited cell it reads the
/// leading apostrophe as "this is text". The cost is a visible apostrophe on the few texts it applies to.
/// </remarks>
public static class CellText
{
    /// <summary>The most characters an Excel cell holds.</summary>
    public const int MaxLength = 32_767;

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var clean = HasInvalidXml(text) ? StripInvalidXml(text) : text;
        if (clean.Length > 0 && StartsLikeFormula(clean[0]))
        {
            clean = "'" + clean;
        }
        return clean.Length <= MaxLength ? clean : Truncate(clean);
    }

    /// <summary>The first characters that make Excel or LibreOffice read a cell as a formula.</summary>
    public static bool StartsLikeFormula(char first) =>
        first is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    // XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and well-formed surrogate pairs.
    private static bool HasInvalidXml(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsValidXmlChar(c))
            {
                return true;
            }
        }
        return false;
    }

    private static string StripInvalidXml(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (IsValidXmlChar(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static bool IsValidXmlChar(char c) =>
        c is '\t' or '\n' or '\r'
        || (c >= '\u0020' && c <= '\uD7FF')
        || (c >= '\uE000' && c <= '\uFFFD');

    private static string Truncate(string text)
    {
        var length = MaxLength;
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--; // never split a surrogate pair
        }
        return text[..length];
    }
}
