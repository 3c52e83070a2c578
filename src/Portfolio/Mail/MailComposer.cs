using System.Net;
using System.Text.Json;
using MimeKit;

namespace Portfolio.Mail;

/// <summary>A waiting message as the outbox holds it.</summary>
public sealed class QueuedMail
{
    public long Id { get; init; }
    public string ToAddress { get; init; } = "";
    public string ToName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Link { get; init; } = "";
    public string LinkLabel { get; init; } = "";
    public Guid MessageId { get; init; }
    public DateTime CreatedAt { get; init; }
    public int Attempts { get; init; }
    public long? PersonId { get; init; }

    /// <summary>A digest's events as JSON: [{text, link, linkLabel, at}]; null for any other message.</summary>
    public string? Items { get; init; }
}

/// <summary>One event listed in a digest message.</summary>
public sealed record DigestEntry(string Text, string Link, string LinkLabel, DateTime At);

/// <summary>
/// Puts a queued message together: a plain-text part and an HTML part saying the same. A notification also carries
/// where to choose which emails to get, a link that stops emails of its kind, and the List-Unsubscribe headers
/// (RFC 8058 one-click) pointing at the same address.
/// </summary>
public static partial class MailComposer
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MimeMessage Compose(QueuedMail mail, MailSettings settings, string? unsubscribeToken = null)
    {
        var site = settings.SiteUrl.TrimEnd('/');
        var url = site + mail.Link;
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            // The same id on every attempt, so a receiving server (or a reader) can tell a repeat from a new message.
            MessageId = $"{mail.MessageId:N}@portfolio",
            Date = new DateTimeOffset(DateTime.SpecifyKind(mail.CreatedAt, DateTimeKind.Utc)),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Headers.Add("X-Portfolio-Kind", mail.Kind);
        var entries = mail.Items is null ? [] : JsonSerializer.Deserialize<List<DigestEntry>>(mail.Items, Json) ?? [];
        var unsubscribe = unsubscribeToken is null
            ? null
            : $"{site}{UnsubscribeLinks.Page}?token={Uri.EscapeDataString(unsubscribeToken)}";
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var text = $"""
            Hello {mail.ToName},

            {mail.Body}
            {EntriesText(entries, site)}
            {mail.LinkLabel}: {url}

            {mail.Reason}
            {FooterText(unsubscribe, site)}
            Portfolio
            """;
        string H(string s) => WebUtility.HtmlEncode(s);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{H(mail.Subject)}</title></head>
            <body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">
            <p>Hello {H(mail.ToName)},</p>
            <p>{H(mail.Body)}</p>{EntriesHtml(entries, site)}
            <p><a href="{H(url)}" style="color: #1d70b8">{H(mail.LinkLabel)}</a></p>
            <p style="color: #505a5f; font-size: 14px">{H(mail.Reason)}</p>{FooterHtml(unsubscribe, site)}
            <p>Portfolio</p>
            </body></html>
            """;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }
}
