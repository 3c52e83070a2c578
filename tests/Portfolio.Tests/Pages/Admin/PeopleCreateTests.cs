using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class PeopleCreateTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task<HttpResponseMessage> AddAsync(HttpClient admin, string email, string[] roles, string password = "blue kettle orchard")
    {
        var page = await Html.GetAsync(admin, "/Admin/People/Create");
        return await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#person-form")!, new()
        {
            ["Input.DisplayName"] = "Priya Shah", ["Input.Email"] = email, ["Input.Roles"] = roles, ["Input.Password"] = password,
        });
    }

    [Fact]
    public async Task An_added_person_is_listed_with_their_roles_can_sign_in_and_is_audited()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));

        var response = await AddAsync(admin, "Priya.Shah@Example.org", [Role.Candidate, Role.Assessor]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await Html.GetAsync(admin, "/Admin/People");
        var row = list.QuerySelectorAll("#people tr").Single(r => r.TextContent.Contains("Priya Shah", StringComparison.Ordinal));
        Assert.Contains("priya.shah@example.org", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Candidate, Assessor", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), "priya.shah@example.org", "blue kettle orchard")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'person.created' AND centre_id = @centre", new { centre }));
    }

    [Fact]
    public async Task The_form_sent_without_a_password_asks_for_one_and_saves_nothing()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM people");

        var response = await AddAsync(admin, "nopassword@example.org", [Role.Candidate], password: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a password to give them", Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM people"));
    }

    [Fact]
    public async Task A_duplicate_email_is_a_field_error_and_nothing_is_saved()
    {
        var centre = await app.CentreAsync();
        var other = await app.PersonAsync(await app.CentreAsync("Elsewhere"), Role.Candidate);
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM people");

        var page = await Html.ParseAsync(await AddAsync(admin, other.Email.ToUpperInvariant(), [Role.Candidate]));

        Assert.Contains("Someone already has this email address; each person needs their own", Html.Errors(page));
        Assert.NotNull(page.QuerySelector("#Input_Email-error"));
        Assert.Equal("Priya Shah", page.QuerySelector<IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM people"));
    }

    [Fact]
    public async Task No_role_and_a_short_password_are_both_refused()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));

        var page = await Html.ParseAsync(await AddAsync(admin, "nobody@example.org", [], "short"));

        Assert.Contains("Choose at least one role", Html.Errors(page));
        Assert.Contains($"Password must be at least {Passwords.MinimumLength} characters: three random words work well", Html.Errors(page));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM people WHERE email = 'nobody@example.org'"));
    }
}
