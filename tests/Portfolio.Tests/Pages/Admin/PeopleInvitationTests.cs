using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using static Portfolio.Tests.Pages.Account.PasswordLinkSteps;

namespace Portfolio.Tests.Pages.Admin;

/// <summary>The invitation part of a person's page: where it stands, sending it again and withdrawing it.</summary>
public sealed class PeopleInvitationTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<(HttpClient Admin, long Id, string Email)> InvitedAsync()
    {
        var admin = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.CentreAdministrator));
        var email = $"invitee{Guid.NewGuid():N}@example.org";
        await PeopleCreateTests.AddAsync(admin, email, [Role.Candidate]);
        return (admin, await app.ScalarAsync<long>("SELECT id FROM people WHERE email = @email", new { email }), email);
    }

    [Fact]
    public async Task Sending_a_new_invitation_makes_a_new_link_and_the_old_one_says_it_was_withdrawn()
    {
        var (admin, id, email) = await InvitedAsync();
        var first = await LinkAsync(app, email, PersonLinks.Invitation);
        var page = await Html.GetAsync(admin, $"/Admin/People/Edit?id={id}");
        Assert.StartsWith("Invited on", page.QuerySelector("#invitation-status")!.TextContent.Trim(), StringComparison.Ordinal);

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#resend-invitation-form")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var second = await LinkAsync(app, email, PersonLinks.Invitation);
        Assert.NotEqual(first, second);
        Assert.Equal("This link has been withdrawn", await ProblemAsync(app.Client(), first));
        Assert.Equal(HttpStatusCode.Redirect, (await ChooseAsync(app.Client(), second, "maple orbit candle")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_invitation_no_longer_opens_and_the_page_says_so()
    {
        var (admin, id, email) = await InvitedAsync();
        var link = await LinkAsync(app, email, PersonLinks.Invitation);
        var page = await Html.GetAsync(admin, $"/Admin/People/Edit?id={id}");

        await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#withdraw-invitation-form")!);

        Assert.Equal("This link has been withdrawn", await ProblemAsync(app.Client(), link));
        var after = await Html.GetAsync(admin, $"/Admin/People/Edit?id={id}");
        Assert.Contains("was withdrawn", after.QuerySelector("#invitation-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#withdraw-invitation-form"));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'invitation.withdrawn' AND subject_id = @id", new { id }));
    }

    [Fact]
    public async Task A_password_set_by_the_administrator_withdraws_the_waiting_invitation()
    {
        var (admin, id, email) = await InvitedAsync();
        var link = await LinkAsync(app, email, PersonLinks.Invitation);
        var page = await Html.GetAsync(admin, $"/Admin/People/Edit?id={id}");

        await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#password-form")!,
            new() { ["NewPassword.Password"] = "granite meadow lantern" });

        Assert.Equal("This link has been withdrawn", await ProblemAsync(app.Client(), link));
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), email, "granite meadow lantern")).StatusCode);
    }

    [Fact]
    public async Task A_person_with_a_password_has_no_invitation_to_send()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var person = await app.PersonAsync(centre, Role.Candidate);

        var page = await Html.GetAsync(admin, $"/Admin/People/Edit?id={person.Id}");

        Assert.Null(page.QuerySelector("#invitation-status"));
        Assert.Null(page.QuerySelector("#resend-invitation-form"));
    }
}
