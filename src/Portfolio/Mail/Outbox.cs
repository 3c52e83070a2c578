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
    long? PersonId = null);

/// <summary>The outbox: email written in the caller's transaction, so it goes if and only if the change commits.</summary>
public static class Outbox
{
    const string InsertSql = """
        INSERT INTO outbound_mail (centre_id, person_id, to_address, to_name, kind, subject, body, reason, link, link_label)
        VALUES (@CentreId, @PersonId, @ToAddress, @ToName, @Kind, @Subject, @Body, @Reason, @Link, @LinkLabel)
        """;

    public static Task QueueAsync(IDbConnection conn, IDbTransaction tx, OutgoingMail mail, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(InsertSql, mail, tx, cancellationToken: ct));

    const string PersonSql = """
        SELECT email, display_name FROM people WHERE id = @personId AND active
        """;

    /// <summary>Queues a message to an active person of the site, by id (nothing for a deactivated person).</summary>
    public static async Task QueueToPersonAsync(IDbConnection conn, IDbTransaction tx, long centreId, long personId,
        string kind, string subject, string body, string reason, string link, string linkLabel,
        CancellationToken ct = default)
    {
        var person = await conn.QuerySingleOrDefaultAsync<(string Email, string DisplayName)?>(
            new CommandDefinition(PersonSql, new { personId }, tx, cancellationToken: ct));
        if (person is { } p)
        {
            await QueueAsync(conn, tx, new OutgoingMail(p.Email, p.DisplayName, kind, subject, body, reason, link,
                linkLabel, centreId, personId), ct);
        }
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
