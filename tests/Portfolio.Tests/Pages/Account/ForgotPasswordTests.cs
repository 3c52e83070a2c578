using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using static Portfolio.Tests.Pages.Account.PasswordLinkSteps;

namespace Portfolio.Tests.Pages.Account;

public sealed class ForgotPasswordTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<HttpResponseMessage> AskAsync(string email)
    {
        var client = app.Client();
        var page = await Html.GetAsync(client, "/Account/SignIn");
        var forgot = await Html.GetAsync(client, page.QuerySelector<IHtmlAnchorElement>("#forgot-password")!.PathName);
        return await Html.SubmitAsync(client, forgot.QuerySelector<IHtmlFormElement>("#forgot-password-form")!,
            new() { ["Input.Email"] = email });
    }

    [Fact]
    public async Task A_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_is_sent_a_link()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        var unknown = $"nobody{Guid.NewGuid():N}@example.org";

        var known = await AskAsync(person.Email.ToUpperInvariant());
        var stranger = await AskAsync(unknown);

        Assert.Equal(known.Headers.Location, stranger.Headers.Location);
        var answer = await Html.GetAsync(app.Client(), known.Headers.Location!.OriginalString);
        Assert.Equal("Check your email", answer.QuerySelector("#reset-sent")!.TextContent.Trim());
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE to_address = @email AND kind = 'password-reset'", new { email = person.Email }));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE to_address = @unknown", new { unknown }));
    }

    [Fact]
    public async Task Using_the_link_sets_the_password_and_ends_every_other_session()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        var signedIn = await app.SignedInAsync(person);
        await AskAsync(person.Email);

        var response = await ChooseAsync(app.Client(), await LinkAsync(app, person.Email, PersonLinks.PasswordReset), "amber harbour kestrel");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/Portfolio")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), person.Email, "amber harbour kestrel")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PortfolioApp.SignInAsync(app.Client(), person.Email, TestDatabase.Password)).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_lasts_thirty_minutes_and_a_newer_one_withdraws_it()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Assessor);
        await AskAsync(person.Email);
        var first = await LinkAsync(app, person.Email, PersonLinks.PasswordReset);
        Assert.Equal(30, await app.ScalarAsync<int>(
            "SELECT extract(epoch FROM expires_at - created_at)::int / 60 FROM person_links WHERE person_id = @id", new { id = person.Id }));

        await AskAsync(person.Email);

        Assert.Equal("This link has been withdrawn", await ProblemAsync(app.Client(), first));
        Assert.Equal("(a usable link)", await ProblemAsync(app.Client(), await LinkAsync(app, person.Email, PersonLinks.PasswordReset)));
    }

    [Fact]
    public async Task Past_three_requests_in_an_hour_no_more_links_are_sent_but_the_answer_is_the_same()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < PersonLinks.ResetsPerHour + 2; i++)
        {
            answers.Add(await AskAsync(person.Email));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(PersonLinks.ResetsPerHour, await app.ScalarAsync<int>(
            "SELECT count(*) FROM outbound_mail WHERE to_address = @email", new { email = person.Email }));
        Assert.Equal(2, await app.ScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE action = 'password-reset.refused-too-many' AND subject_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task A_deactivated_person_is_sent_nothing()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        await app.ScalarAsync<int>("UPDATE people SET active = false WHERE id = @id RETURNING 1", new { id = person.Id });

        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(person.Email)).StatusCode);

        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE to_address = @email", new { email = person.Email }));
    }
}
