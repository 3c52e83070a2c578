using System.Data;
using Dapper;

namespace Portfolio.Mail;

/// <summary>
/// One email as the change that causes it describes it: who it is for, what happened (in words that carry no evidence
/// text), why they were sent it, and the page it links to (a path on the site; the sender adds the site's address).
/// </summary>
public sealed record OutgoingMail(
    string ToAddress,
    string ToName,
    string Kind,
    string Subject,
    string Body,
    string Reason,
    string Link,
    string LinkLabel,
    long? CentreId = null,
    long? PersonId = null,
    string? Items = null);

/// <summary>The outbox: email written in the caller's transaction, so it goes if and only if the change commits.</summary>
public static class Outbox
{
    const string InsertSql = """
        INSERT INTO outbound_mail (centre_id, person_id, to_address, to_name, kind, subject, body, reason, link,
                                   link_label, items)
        VALUES (@CentreId, @PersonId, @ToAddress, @ToName, @Kind, @Subject, @Body, @Reason, @Link, @LinkLabel,
                @Items::jsonb)
        """;

    public static Task QueueAsync(IDbConnection conn, IDbTransaction tx, OutgoingMail mail, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(InsertSql, mail, tx, cancellationToken: ct));

    // The person's choice for this kind of email comes with their address (immediately when they never chose).
    const string PersonSql = """
        SELECT p.email, p.display_name, coalesce(s.choices ->> @kind, 'immediately') AS delivery
        FROM people p LEFT JOIN notification_settings s ON s.person_id = p.id
        WHERE p.id = @personId AND p.active
        """;

    const string DigestItemSql = """
        INSERT INTO digest_items (centre_id, person_id, kind, body, link, link_label)
        VALUES (@centreId, @personId, @kind, @body, @link, @linkLabel)
        """;

    /// <summary>
    /// Queues a notification to an active person of the site, by id, as they chose for its kind: at once, kept for
    /// their daily digest, or not at all (nothing for a deactivated person). The one place that choice is applied.
    /// </summary>
    public static async Task QueueToPersonAsync(IDbConnection conn, IDbTransaction tx, long centreId, long personId,
        string kind, string subject, string body, string reason, string link, string linkLabel,
        CancellationToken ct = default)
    {
        var person = await conn.QuerySingleOrDefaultAsync<(string Email, string DisplayName, string Delivery)?>(
            new CommandDefinition(PersonSql, new { personId, kind }, tx, cancellationToken: ct));
        if (person is not { } p)
        {
            return;
        }
        // Account email (an invitation, a password link) goes at once whatever the person chose for notifications.
        var delivery = NotificationKinds.IsNotification(kind) ? p.Delivery : NotificationKinds.Immediately;
        if (delivery == NotificationKinds.None)
        {
            return;
        }
        if (delivery == NotificationKinds.Digest)
        {
            await conn.ExecuteAsync(new CommandDefinition(DigestItemSql,
                new { centreId, personId, kind, body, link, linkLabel }, tx, cancellationToken: ct));
            return;
        }
        await QueueAsync(conn, tx, new OutgoingMail(p.Email, p.DisplayName, kind, subject, body, reason, link,
            linkLabel, centreId, personId), ct);
    }
}

/// <summary>Whether text is one plain address mail can be sent to: name@domain, no spaces, no display name.</summary>
public static class MailAddresses
{
    public static bool IsDeliverable(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Any(char.IsWhiteSpace) || text.Length > 254)
        {
            return false;
        }
        var trimmed = text.Trim();
        return MimeKit.MailboxAddress.TryParse(trimmed, out var box) && box.Address == trimmed
            && trimmed.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && trimmed.LastIndexOf('@') == at
            && trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal);
    }
}
