using Dapper;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Npgsql;

namespace Portfolio.Mail;

/// <summary>
/// Sends what the outbox holds: claims due rows with FOR UPDATE SKIP LOCKED (so another node sending at the same time
/// takes other rows, never these), sends them over one SMTP connection, or writes them as .eml files when no SMTP
/// server is set, and records each outcome before the claim is released. A failure to connect or a temporary refusal
/// waits and tries again, doubling the wait; a permanent refusal (5xx) or too many attempts is recorded as failed.
/// A node that dies after the server took a message but before recording it sends it again (at least once, never lost).
/// </summary>
public sealed class OutboxSender(NpgsqlDataSource db, MailSettings settings, TimeProvider clock,
    UnsubscribeLinks unsubscribe)
{
    public const int BatchSize = 20;

    const string ClaimSql = """
        SELECT id, to_address, to_name, kind, subject, body, reason, link, link_label, message_id, created_at, attempts,
               person_id, items::text AS items
        FROM outbound_mail
        WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
        ORDER BY next_attempt_at, id
        LIMIT @take
        FOR UPDATE SKIP LOCKED
        """;

    // A sent message's link loses its one-time token: the outbox keeps no live key to anyone's account.
    const string SentSql = """
        UPDATE outbound_mail
        SET sent_at = @now, attempts = attempts + 1, last_error = NULL,
            link = regexp_replace(link, '([?&]token=)[^&]*', '\1(sent)')
        WHERE id = @id
        """;

    const string RetrySql = """
        UPDATE outbound_mail
        SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next,
            failed_at = CASE WHEN @giveUp THEN @now END
        WHERE id = @id
        """;

    /// <summary>Sends one batch of due messages; returns how many rows it dealt with (0 when nothing was due).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var due = (await conn.QueryAsync<QueuedMail>(new CommandDefinition(ClaimSql, new { now, take = BatchSize }, tx,
            cancellationToken: ct))).ToList();
        if (due.Count == 0)
        {
            await tx.CommitAsync(ct);
            return 0;
        }
        var tokens = new Dictionary<long, string>();
        foreach (var mail in due.Where(m => m.PersonId is not null && NotificationKinds.CanUnsubscribe(m.Kind)))
        {
            tokens[mail.Id] = await unsubscribe.TokenAsync(mail.PersonId!.Value, mail.Kind, ct);
        }
        MimeMessage Compose(QueuedMail mail) => MailComposer.Compose(mail, settings, tokens.GetValueOrDefault(mail.Id));
        var outcomes = settings.UsesSmtp ? await SendBySmtpAsync(due, Compose, ct) : WriteToFolder(due, Compose);
        foreach (var (mail, error, permanent) in outcomes)
        {
            if (error is null)
            {
                await conn.ExecuteAsync(new CommandDefinition(SentSql, new { now, mail.Id }, tx, cancellationToken: ct));
                continue;
            }
            var giveUp = permanent || mail.Attempts + 1 >= settings.MaxAttempts;
            await conn.ExecuteAsync(new CommandDefinition(RetrySql, new
            {
                mail.Id,
                now,
                error = error.Length > 500 ? error[..500] : error,
                next = now + settings.RetryAfter(mail.Attempts + 1),
                giveUp,
            }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(CancellationToken.None);
        return due.Count;
    }

    sealed record Outcome(QueuedMail Mail, string? Error, bool Permanent);

    async Task<List<Outcome>> SendBySmtpAsync(List<QueuedMail> due, Func<QueuedMail, MimeMessage> compose,
        CancellationToken ct)
    {
        var outcomes = new List<Outcome>();
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, SecurityOptions(), ct);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return due.Select(m => new Outcome(m, $"Could not reach the mail server: {e.Message}", false)).ToList();
        }
        foreach (var mail in due)
        {
            if (!client.IsConnected)
            {
                outcomes.Add(new Outcome(mail, "The mail server closed the connection", false));
                continue;
            }
            try
            {
                await client.SendAsync(compose(mail), ct);
                outcomes.Add(new Outcome(mail, null, false));
            }
            catch (SmtpCommandException e)
            {
                outcomes.Add(new Outcome(mail, $"The mail server refused it ({(int)e.StatusCode}): {e.Message}",
                    (int)e.StatusCode >= 500));
            }
            catch (Exception e) when (e is ServiceNotConnectedException or IOException or SmtpProtocolException
                                          or ParseException or FormatException)
            {
                outcomes.Add(new Outcome(mail, e.Message, e is ParseException or FormatException));
            }
        }
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(true, ct);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException)
            {
                // Every message has its outcome already; a broken goodbye changes none of them.
            }
        }
        return outcomes;
    }

    SecureSocketOptions SecurityOptions() => settings.Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    List<Outcome> WriteToFolder(List<QueuedMail> due, Func<QueuedMail, MimeMessage> compose)
    {
        Directory.CreateDirectory(settings.PickupFolder);
        var outcomes = new List<Outcome>();
        foreach (var mail in due)
        {
            var name = $"{mail.CreatedAt:yyyyMMdd-HHmmss}-{mail.Id:D6}-{mail.Kind}.eml";
            var path = Path.Combine(settings.PickupFolder, name);
            var part = path + ".part";
            // Written under a temporary name and renamed, so a reader of the folder never sees half a message.
            compose(mail).WriteTo(part);
            File.Move(part, path, overwrite: true);
            outcomes.Add(new Outcome(mail, null, false));
        }
        return outcomes;
    }
}
