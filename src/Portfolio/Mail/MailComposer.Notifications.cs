using System.Globalization;
using System.Net;
using System.Text;

namespace Portfolio.Mail;

/// <summary>The parts only notifications and digests have: the list of events, the footer about choices.</summary>
public static partial class MailComposer
{
    public const string PreferencesPage = "/Account/Notifications";

    static string When(DateTime at) => at.ToString("d MMM HH:mm", CultureInfo.InvariantCulture) + " UTC";

    static string EntriesText(List<DigestEntry> entries, string site)
    {
        var text = new StringBuilder();
        foreach (var e in entries)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n- {e.Text} ({When(e.At)})\n  {e.LinkLabel}: {site}{e.Link}\n");
        }
        return text.ToString();
    }

    static string EntriesHtml(List<DigestEntry> entries, string site)
    {
        if (entries.Count == 0)
        {
            return "";
        }
        var html = new StringBuilder("\n<ul>");
        foreach (var e in entries)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <li>{WebUtility.HtmlEncode(e.Text)} <span style="color: #505a5f">({When(e.At)})</span>
                <a href="{WebUtility.HtmlEncode(site + e.Link)}"
                style="color: #1d70b8">{WebUtility.HtmlEncode(e.LinkLabel)}</a></li>
                """);
        }
        return html.Append("</ul>").ToString();
    }

    static string FooterText(string? unsubscribe, string site) => unsubscribe is null ? "" : $"""

        Choose which emails you get: {site}{PreferencesPage}
        Stop emails like this: {unsubscribe}

        """;

    static string FooterHtml(string? unsubscribe, string site) => unsubscribe is null ? "" : $"""

        <p style="color: #505a5f; font-size: 14px"><a href="{WebUtility.HtmlEncode(site + PreferencesPage)}"
        style="color: #1d70b8">Choose which emails you get</a> or
        <a href="{WebUtility.HtmlEncode(unsubscribe)}" style="color: #1d70b8">stop emails like this</a>.</p>
        """;
}
