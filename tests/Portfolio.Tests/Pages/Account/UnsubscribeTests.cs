using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portfolio.Mail;
using Portfolio.People;
using Portfolio.Tests.Mail;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Account;

public sealed class UnsubscribeTests(MailingApp app) : IClassFixture<MailingApp>
{
    /// <summary>A real notification to the assessor (a submission), as their mail server received it.</summary>
    async Task<(EnrolledCandidate E, MimeMessage Mail)> NotifiedAssessorAsync()
    {
        _ = app.Factory.Services;
        var e = await app.EnrolledCandidateAsync();
        await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1");
        return (e, (await app.MailToAsync(e.Assessor.Email)).Single());
    }

    static string StopLink(MimeMessage mail) => mail.TextBody!.Split('\n').Select(l => l.Trim())
        .Single(l => l.StartsWith(StopLabel, StringComparison.Ordinal))[StopLabel.Length..];

    const string StopLabel = "Stop emails like this: ";

    Task<string?> ChoicesAsync(TestPerson person) =>
        app.ScalarAsync<string?>("SELECT choices::text FROM notification_settings WHERE person_id = @Id", person);

    [Fact]
    public async Task The_link_in_a_received_email_asks_first_then_its_button_stops_that_kind_of_email()
    {
        var (e, mail) = await NotifiedAssessorAsync();
        var url = new Uri(StopLink(mail)).PathAndQuery;
        var client = app.Client();

        var asking = await Html.GetAsync(client, url);
        Assert.Null(await ChoicesAsync(e.Assessor));
        var stopped = await Html.ParseAsync(await Html.SubmitAsync(client,
            asking.QuerySelector<IHtmlFormElement>("#unsubscribe-form")!));
        await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1");

        Assert.Contains("a candidate submits evidence for you to assess",
            asking.QuerySelector("#unsubscribe-what")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(stopped.QuerySelector("#unsubscribed"));
        Assert.Contains("/Account/Notifications", stopped.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("""{"evidence-submitted": "none"}""", await ChoicesAsync(e.Assessor));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE person_id = @Id",
            e.Assessor));
        Assert.Equal(1, await app.ScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE action = 'notifications.unsubscribed' AND actor_id = @Id",
            e.Assessor));
    }

    [Fact]
    public async Task A_notification_carries_one_click_unsubscribe_headers_and_a_post_to_their_address_stops_them()
    {
        var (e, mail) = await NotifiedAssessorAsync();
        var header = mail.Headers["List-Unsubscribe"]!;

        var response = await app.Client().PostAsync(new Uri(header.Trim('<', '>')).PathAndQuery,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal($"<{StopLink(mail)}>", header);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Choose which emails you get: https://portfolio.example/Account/Notifications", mail.TextBody,
            StringComparison.Ordinal);
        Assert.Contains("stop emails like this</a>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"evidence-submitted": "none"}""", await ChoicesAsync(e.Assessor));
    }

    [Fact]
    public async Task A_tampered_token_answers_a_page_saying_the_link_does_not_work_and_changes_nothing()
    {
        var (e, mail) = await NotifiedAssessorAsync();
        var token = Uri.UnescapeDataString(StopLink(mail).Split("token=")[1]);
        var otherPerson = $"{e.Candidate.Id}{token[token.IndexOf('.', StringComparison.Ordinal)..]}";
        var otherKind = token.Replace("evidence-submitted", "evidence-returned", StringComparison.Ordinal);
        var client = app.Client();

        foreach (var bad in new[] { otherPerson, otherKind, token[..^2], "nonsense", "" })
        {
            var url = $"/Account/Unsubscribe?token={Uri.EscapeDataString(bad)}";
            var shown = await Html.GetAsync(client, url);
            var posted = await client.PostAsync(url, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

            Assert.NotNull(shown.QuerySelector("#unsubscribe-invalid"));
            Assert.Null(shown.QuerySelector("#unsubscribe-form"));
            Assert.NotNull((await Html.ParseAsync(posted)).QuerySelector("#unsubscribe-invalid"));
        }
        Assert.Null(await ChoicesAsync(e.Assessor));
        Assert.Null(await ChoicesAsync(e.Candidate));
    }

    [Fact]
    public async Task The_digests_own_link_stops_every_kind_taken_in_the_digest_and_leaves_the_others()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Assessor);
        await new NotificationPreferences(app.DataSource).SaveAsync(person.CentreId, person.Id,
            new Dictionary<string, string>
            {
                ["evidence-submitted"] = NotificationKinds.Digest,
                ["qa-sample-recorded"] = NotificationKinds.Immediately,
            }, 0, null);
        var token = await app.Factory.Services.GetRequiredService<UnsubscribeLinks>()
            .TokenAsync(person.Id, NotificationKinds.DigestMail);

        var page = await Html.GetAsync(app.Client(), $"/Account/Unsubscribe?token={Uri.EscapeDataString(token)}");
        var response = await Html.SubmitAsync(app.Client(), page.QuerySelector<IHtmlFormElement>("#unsubscribe-form")!);

        Assert.Contains("your daily digest email", page.QuerySelector("#unsubscribe-what")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"evidence-submitted": "none", "qa-sample-recorded": "immediately"}""",
            await ChoicesAsync(person));
    }

    [Fact]
    public async Task Account_email_such_as_an_invitation_carries_no_unsubscribe_link()
    {
        _ = app.Factory.Services;
        var mail = OutboxSteps.Message($"invited{Guid.NewGuid():N}@example.org", "invitation");
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        await OutboxSteps.QueueAsync(app, mail with { PersonId = person.Id });

        var received = (await app.MailToAsync(mail.ToAddress)).Single();

        Assert.Null(received.Headers["List-Unsubscribe"]);
        Assert.DoesNotContain("Stop emails like this", received.TextBody, StringComparison.Ordinal);
    }
}
