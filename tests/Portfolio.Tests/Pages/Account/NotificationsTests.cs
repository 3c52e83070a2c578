using System.Net;
using Portfolio.Mail;
using Portfolio.People;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Account;

public sealed class NotificationsTests(MailingApp app) : IClassFixture<MailingApp>
{
    [Fact]
    public async Task The_page_offers_each_kind_of_the_persons_roles_with_email_straight_away_chosen_at_first()
    {
        var candidate = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.Candidate));

        var page = await NotificationSteps.PageAsync(candidate);

        Assert.Equal(NotificationKinds.Immediately, NotificationSteps.Checked(page, "evidence-returned"));
        Assert.Equal(NotificationKinds.Immediately, NotificationSteps.Checked(page, "element-signed-off"));
        Assert.Null(NotificationSteps.Checked(page, "evidence-submitted"));
        Assert.Equal(3, page.QuerySelectorAll("input[name='Choices[evidence-returned]']").Length);
    }

    [Fact]
    public async Task An_assessor_who_chooses_no_email_for_submissions_is_sent_nothing_but_still_notified_in_the_site()
    {
        var e = await app.EnrolledCandidateAsync();
        var assessor = await app.SignedInAsync(e.Assessor);

        var saved = await NotificationSteps.ChooseAsync(assessor, ("evidence-submitted", NotificationKinds.None));
        await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(NotificationKinds.None,
            NotificationSteps.Checked(await NotificationSteps.PageAsync(assessor), "evidence-submitted"));
        var person = new { id = e.Assessor.Id };
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE person_id = @id", person));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM digest_items WHERE person_id = @id", person));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM notifications WHERE person_id = @id", person));
        Assert.Equal(1, await app.ScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE action = 'notifications.changed' AND actor_id = @id", person));
        await NotificationSteps.AssertNothingSentToAsync(app, e.Assessor.Email);
    }

    [Fact]
    public async Task A_form_opened_before_the_choices_changed_elsewhere_is_refused_and_keeps_what_was_chosen_on_it()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Assessor);
        var client = await app.SignedInAsync(person);
        var opened = await NotificationSteps.PageAsync(client);
        Assert.True(await new NotificationPreferences(app.DataSource).StopAsync(person.Id, "qa-sample-recorded", null));

        var response = await NotificationSteps.SubmitAsync(client, opened,
            ("evidence-submitted", NotificationKinds.Digest));

        var page = await Html.ParseAsync(response);
        Assert.Contains(Html.Errors(page), m => m.Contains("changed somewhere else", StringComparison.Ordinal));
        Assert.Equal(NotificationKinds.Digest, NotificationSteps.Checked(page, "evidence-submitted"));
        Assert.Contains("Saved now: Do not email me",
            page.QuerySelector("#Choices_qa-sample-recorded_-saved")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("""{"qa-sample-recorded": "none"}""", await app.ScalarAsync<string>(
            "SELECT choices::text FROM notification_settings WHERE person_id = @Id", person));
        Assert.Equal(HttpStatusCode.Redirect, (await NotificationSteps.SubmitAsync(client, page)).StatusCode);
    }

    [Fact]
    public async Task A_choice_that_is_not_offered_is_refused_with_an_error_summary_and_nothing_is_saved()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        var client = await app.SignedInAsync(person);

        var response = await NotificationSteps.ChooseAsync(client, ("evidence-returned", "weekly"));

        var page = await Html.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Choose how to hear that your assessor returns evidence to you with feedback"],
            Html.Errors(page));
        Assert.NotNull(page.QuerySelector("#Choices_evidence-returned_-error"));
        Assert.Equal(0, await app.ScalarAsync<int>(
            "SELECT count(*) FROM notification_settings WHERE person_id = @Id", person));
    }
}
