using Dapper;
using Npgsql;

namespace Portfolio.Mail;

/// <summary>
/// Once a day, at Mail:DigestHour (server local time), everything waiting for each person's digest becomes one outbox
/// message listing what happened, with links. Rows are taken with FOR UPDATE SKIP LOCKED and deleted in the same
/// statement that writes the message, so two nodes never put one event in two digests, and a digest written is an
/// ordinary outbox message: sent with retries, never lost while the mail server is down. Only events from before the
/// day's digest hour are taken, so a person gets at most one digest a day.
/// </summary>
public sealed class DailyDigest(NpgsqlDataSource db, MailSettings settings, TimeProvider clock)
{
    public const string Body = "Here is what happened in Portfolio since your last digest.";
    public const string Reason =
        "You were sent this because you chose to have some Portfolio emails in a daily digest.";

    // Kinds the person has since turned off are dropped; their account must still be active.
    const string WriteSql = """
        WITH taken AS (
            DELETE FROM digest_items d
            WHERE d.id IN (SELECT id FROM digest_items WHERE created_at < @cutoff FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.person_id, d.kind, d.body, d.link, d.link_label, d.created_at
        ), wanted AS (
            SELECT t.*, p.centre_id, p.email, p.display_name
            FROM taken t
            JOIN people p ON p.id = t.person_id AND p.active
            LEFT JOIN notification_settings s ON s.person_id = t.person_id
            WHERE coalesce(s.choices ->> t.kind, 'immediately') <> 'none'
        )
        INSERT INTO outbound_mail (centre_id, person_id, to_address, to_name, kind, subject, body, reason, link,
                                   link_label, items)
        SELECT min(w.centre_id), w.person_id, min(w.email), min(w.display_name), 'digest',
               'Your Portfolio digest: ' || count(*) || CASE WHEN count(*) = 1 THEN ' update' ELSE ' updates' END,
               @body, @reason, '/Notifications', 'See all your notifications',
               jsonb_agg(jsonb_build_object('text', w.body, 'link', w.link, 'linkLabel', w.link_label,
                                            'at', w.created_at) ORDER BY w.created_at, w.id)
        FROM wanted w
        GROUP BY w.person_id
        """;

    /// <summary>Writes the digests due at <paramref name="now"/> to the outbox; returns how many.</summary>
    public async Task<int> WriteDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(WriteSql,
            new { cutoff = CutoffBefore(now), body = Body, reason = Reason }, cancellationToken: ct));
    }

    public Task<int> WriteDueAsync(CancellationToken ct) => WriteDueAsync(clock.GetUtcNow(), ct);

    /// <summary>The latest digest hour (server local time) at or before <paramref name="now"/>, in UTC.</summary>
    public DateTime CutoffBefore(DateTimeOffset now)
    {
        var zone = clock.LocalTimeZone;
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var hour = local.Date.AddHours(Math.Clamp(settings.DigestHour, 0, 23));
        if (hour > local)
        {
            hour = hour.AddDays(-1);
        }
        while (zone.IsInvalidTime(hour))
        {
            hour = hour.AddHours(1); // a digest hour skipped by a clock change happens an hour later that day
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(hour, DateTimeKind.Unspecified), zone);
    }
}
