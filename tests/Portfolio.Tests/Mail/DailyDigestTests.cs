using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Mail;
using Portfolio.People;
using Portfolio.Tests.Pages.Account;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Mail;

/// <summary>The daily digest: written by the mail worker into the outbox, read from a real SMTP server.</summary>
public sealed class DailyDigestTests(MailingApp app) : IClassFixture<MailingApp>
{
    /// <summary>A server whose local time is UTC, so digest hours in these tests read plainly.</summary>
    sealed class UtcServer : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    DailyDigest Digest(int hour = 7) => new(app.DataSource, new MailSettings { DigestHour = hour }, new UtcServer());

    static DateTimeOffset At(string utc) =>
        DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    async Task WaitingAsync(TestPerson person, params string[] createdAt)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        foreach (var at in createdAt)
        {
            await conn.ExecuteAsync("""
                INSERT INTO digest_items (centre_id, person_id, kind, body, link, link_label, created_at)
                VALUES (@CentreId, @Id, 'evidence-submitted', 'Amira Hussain submitted a document for assessment.',
                        '/Assess', 'Review it', @at::timestamptz)
                """, new { person.CentreId, person.Id, at });
        }
    }

    Task<int> WaitingCountAsync(TestPerson person) =>
        app.ScalarAsync<int>("SELECT count(*) FROM digest_items WHERE person_id = @Id", person);

    Task<int> DigestsAsync(TestPerson person) => app.ScalarAsync<int>(
        "SELECT count(*) FROM outbound_mail WHERE person_id = @Id AND kind = 'digest'", person);

    [Fact]
    public async Task Events_chosen_for_the_digest_arrive_in_one_message_listing_both_after_the_digest_runs_not_before()
    {
        var e = await app.EnrolledCandidateAsync();
        await NotificationSteps.ChooseAsync(await app.SignedInAsync(e.Assessor),
            ("evidence-submitted", NotificationKinds.Digest));
        var first = await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1");
        var second = await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1");
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE person_id = @Id",
            e.Assessor));
        Assert.Equal(2, await WaitingCountAsync(e.Assessor));

        await app.Factory.Services.GetRequiredService<DailyDigest>().WriteDueAsync(DateTimeOffset.UtcNow.AddDays(1));

        var digest = (await app.MailToAsync(e.Assessor.Email)).Single();
        Assert.Equal("Your Portfolio digest: 2 updates", digest.Subject);
        foreach (var id in new[] { first, second })
        {
            var url = $"https://portfolio.example/Assess/Review?id={id}";
            Assert.Contains($"Review it: {url}", digest.TextBody, StringComparison.Ordinal);
            Assert.Contains($"href=\"{url}\"", digest.HtmlBody, StringComparison.Ordinal);
        }
        var line = $"{e.Candidate.DisplayName} submitted a document for assessment.";
        Assert.Equal(2, digest.TextBody!.Split(line).Length - 1);
        Assert.DoesNotContain("The client set her own goals", digest.TextBody + digest.HtmlBody,
            StringComparison.Ordinal);
        Assert.NotNull(digest.Headers["List-Unsubscribe"]);
        Assert.Equal(0, await WaitingCountAsync(e.Assessor));
    }

    [Fact]
    public async Task A_digest_takes_only_events_from_before_the_digest_hour_so_nobody_gets_two_in_a_day()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Assessor);
        await WaitingAsync(person, "2027-03-09T06:30:00Z", "2027-03-09T07:30:00Z");

        var morning = await Digest().WriteDueAsync(At("2027-03-09T08:00:00Z"));
        var evening = await Digest().WriteDueAsync(At("2027-03-09T20:00:00Z"));
        var nextMorning = await Digest().WriteDueAsync(At("2027-03-10T07:05:00Z"));

        Assert.Equal((1, 0, 1), (morning, evening, nextMorning));
        Assert.Equal(2, await DigestsAsync(person));
        Assert.Equal(0, await WaitingCountAsync(person));
    }

    [Fact]
    public async Task Two_nodes_writing_digests_at_the_same_moment_put_each_event_in_one_digest()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Assessor);
        await WaitingAsync(person, "2027-05-01T09:00:00Z", "2027-05-01T10:00:00Z", "2027-05-01T11:00:00Z");

        var written = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Digest().WriteDueAsync(At("2027-05-02T08:00:00Z"))));

        Assert.Equal(1, written.Sum());
        Assert.Equal(1, await DigestsAsync(person));
        Assert.Equal(3, await app.ScalarAsync<int>(
            "SELECT jsonb_array_length(items) FROM outbound_mail WHERE person_id = @Id AND kind = 'digest'", person));
    }

    [Fact]
    public async Task Events_of_a_kind_turned_off_before_the_digest_are_left_out_of_it()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Assessor);
        await WaitingAsync(person, "2027-07-01T09:00:00Z");
        await new NotificationPreferences(app.DataSource).StopAsync(person.Id, "evidence-submitted", null);

        var written = await Digest().WriteDueAsync(At("2027-07-02T08:00:00Z"));

        Assert.Equal(0, written);
        Assert.Equal(0, await WaitingCountAsync(person));
    }
}
