using System.Net;
using Portfolio.People;
using Portfolio.Tests.Pages.Admin;
using static Portfolio.Tests.Pages.Account.PasswordLinkSteps;

namespace Portfolio.Tests.Pages.Account;

public sealed class ChoosePasswordTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<(HttpClient Admin, string Email)> InvitedAsync()
    {
        var admin = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.CentreAdministrator));
        var email = $"invited{Guid.NewGuid():N}@example.org";
        await PeopleCreateTests.AddAsync(admin, email, [Role.Candidate]);
        return (admin, email);
    }

    [Fact]
    public async Task An_invited_person_chooses_their_password_from_the_link_and_signs_in_with_it()
    {
        var (_, email) = await InvitedAsync();
        var link = await LinkAsync(app, email, PersonLinks.Invitation);

        var response = await ChooseAsync(app.Client(), link, "silver canal lantern");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), email, "silver canal lantern")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'invitation.accepted'"
            + " AND subject_id = (SELECT id FROM people WHERE email = @email)", new { email }));
    }

    [Fact]
    public async Task A_used_link_says_so_and_cannot_set_the_password_again()
    {
        var (_, email) = await InvitedAsync();
        var link = await LinkAsync(app, email, PersonLinks.Invitation);
        await ChooseAsync(app.Client(), link, "silver canal lantern");

        Assert.Equal("This link has already been used", await ProblemAsync(app.Client(), link));
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), email, "silver canal lantern")).StatusCode);
    }

    [Fact]
    public async Task An_expired_invitation_says_so_and_asks_for_a_new_one()
    {
        var (_, email) = await InvitedAsync();
        var link = await LinkAsync(app, email, PersonLinks.Invitation);
        await app.ScalarAsync<int>("""
            UPDATE person_links SET expires_at = now() - interval '1 minute'
            WHERE person_id = (SELECT id FROM people WHERE email = @email) RETURNING 1
            """, new { email });

        var page = await Html.GetAsync(app.Client(), link);

        Assert.Equal("This link has expired", page.QuerySelector("#link-problem")!.TextContent.Trim());
        Assert.Contains("Ask your centre administrator to send you a new one", page.QuerySelector("#link-advice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#choose-password-form"));
    }

    [Theory]
    [InlineData("/Account/ChoosePassword?token=made-up")]
    [InlineData("/Account/ChoosePassword")]
    [InlineData("/Account/ChoosePassword?token=%00%01")]
    public async Task A_tampered_or_missing_token_answers_a_clear_page(string link)
    {
        Assert.Equal("This link is not recognised", await ProblemAsync(app.Client(), link));
    }

    [Fact]
    public async Task A_changed_token_opens_nothing_even_one_character_off()
    {
        var (_, email) = await InvitedAsync();
        var link = await LinkAsync(app, email, PersonLinks.Invitation);
        var tampered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');

        Assert.Equal("This link is not recognised", await ProblemAsync(app.Client(), tampered));
    }

    [Fact]
    public async Task Different_passwords_in_the_two_boxes_re_display_the_form_and_leave_the_link_usable()
    {
        var (_, email) = await InvitedAsync();
        var link = await LinkAsync(app, email, PersonLinks.Invitation);

        var page = await Html.ParseAsync(await ChooseAsync(app.Client(), link, "silver canal lantern", "silver canal lanterns"));

        Assert.Contains("The two passwords are not the same", Html.Errors(page));
        Assert.Equal("(a usable link)", await ProblemAsync(app.Client(), link));
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        var (_, email) = await InvitedAsync();
        var token = (await LinkAsync(app, email, PersonLinks.Invitation)).Split("token=")[1];

        Assert.Equal(32, await app.ScalarAsync<int>("""
            SELECT length(token_hash) FROM person_links WHERE person_id = (SELECT id FROM people WHERE email = @email)
            """, new { email }));
        Assert.Equal(0, await app.ScalarAsync<int>(
            "SELECT count(*) FROM person_links WHERE position(convert_to(@token, 'UTF8') IN token_hash) > 0", new { token }));
    }
}
