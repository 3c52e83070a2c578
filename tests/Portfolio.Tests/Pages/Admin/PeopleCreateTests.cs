using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class PeopleCreateTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    public static async Task<HttpResponseMessage> AddAsync(HttpClient admin, string email, string[] roles, string name = "Priya Shah")
    {
        var page = await Html.GetAsync(admin, "/Admin/People/Create");
        return await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#person-form")!, new()
        {
            ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Roles"] = roles,
        });
    }

    [Fact]
    public async Task An_added_person_is_listed_with_their_roles_sent_an_invitation_and_audited()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));

        var response = await AddAsync(admin, "Priya.Shah@Example.org", [Role.Candidate, Role.Assessor]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await Html.GetAsync(admin, "/Admin/People");
        var row = list.QuerySelectorAll("#people tr").Single(r => r.TextContent.Contains("Priya Shah", StringComparison.Ordinal));
        Assert.Contains("priya.shah@example.org", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Candidate, Assessor", row.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("/Account/ChoosePassword?token=", await app.ScalarAsync<string>(
            "SELECT link FROM outbound_mail WHERE to_address = 'priya.shah@example.org' AND kind = 'invitation'"), StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'person.created' AND centre_id = @centre", new { centre }));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'invitation.sent' AND centre_id = @centre", new { centre }));
    }

    [Fact]
    public async Task The_form_has_no_password_field_and_the_new_person_cannot_sign_in_before_choosing_one()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        Assert.Empty((await Html.GetAsync(admin, "/Admin/People/Create")).QuerySelectorAll("#person-form input[type=password]"));

        await AddAsync(admin, "nopassword@example.org", [Role.Candidate]);

        Assert.Null(await app.ScalarAsync<string?>("SELECT password_hash FROM people WHERE email = 'nopassword@example.org'"));
        var refused = await PortfolioApp.SignInAsync(app.Client(), "nopassword@example.org", "");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_duplicate_email_is_a_field_error_and_nothing_is_saved_or_sent()
    {
        var centre = await app.CentreAsync();
        var other = await app.PersonAsync(await app.CentreAsync("Elsewhere"), Role.Candidate);
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM people");
        var mails = await app.ScalarAsync<long>("SELECT count(*) FROM outbound_mail");

        var page = await Html.ParseAsync(await AddAsync(admin, other.Email.ToUpperInvariant(), [Role.Candidate]));

        Assert.Contains("Someone already has this email address; each person needs their own", Html.Errors(page));
        Assert.NotNull(page.QuerySelector("#Input_Email-error"));
        Assert.Equal("Priya Shah", page.QuerySelector<IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM people"));
        Assert.Equal(mails, await app.ScalarAsync<long>("SELECT count(*) FROM outbound_mail"));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("two@@example.org")]
    [InlineData("someone@example.org, other@example.org")]
    [InlineData("some one@example.org")]
    [InlineData("someone@localhost")]
    public async Task No_role_and_an_address_mail_cannot_go_to_are_both_refused(string email)
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));

        var page = await Html.ParseAsync(await AddAsync(admin, email, []));

        Assert.Contains("Choose at least one role", Html.Errors(page));
        Assert.Contains("Enter an email address like name@example.org", Html.Errors(page));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM people WHERE email = @email", new { email }));
    }
}
