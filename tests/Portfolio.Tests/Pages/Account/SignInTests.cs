using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using Dapper;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Account;

public sealed class SignInTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task A_right_password_signs_in_and_the_header_shows_the_name()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = app.Client();

        var response = await PortfolioApp.SignInAsync(client, person.Email.ToUpperInvariant(), TestDatabase.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await Html.GetAsync(client, "/Portfolio");
        Assert.Equal(person.DisplayName, home.QuerySelector("#signed-in-name")!.TextContent);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'sign-in.succeeded' AND actor_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task A_wrong_password_redisplays_the_form_with_an_error_and_is_audited()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Assessor);
        var client = app.Client();

        var response = await PortfolioApp.SignInAsync(client, person.Email, "not the password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("The email address or password is not right", Html.Errors(page));
        Assert.Equal(person.Email, page.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#Input_Password")!.Value);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'sign-in.failed' AND actor_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await PortfolioApp.SignInAsync(app.Client(), "nobody@example.org", "whatever password");

        var page = await Html.ParseAsync(response);
        Assert.Contains("The email address or password is not right", Html.Errors(page));
    }

    [Fact]
    public async Task An_empty_form_names_each_missing_field()
    {
        var response = await PortfolioApp.SignInAsync(app.Client(), "", "");

        var errors = Html.Errors(await Html.ParseAsync(response));
        Assert.Contains("Enter your email address", errors);
        Assert.Contains("Enter your password", errors);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = app.Client();
        for (var i = 0; i < Accounts.MaxFailedAttempts; i++)
        {
            await PortfolioApp.SignInAsync(client, person.Email, "wrong " + i);
        }

        var response = await PortfolioApp.SignInAsync(client, person.Email, TestDatabase.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", Html.Errors(await Html.ParseAsync(response)).Single());
        var minutes = await app.ScalarAsync<double>("SELECT extract(epoch FROM locked_until - now()) / 60 FROM people WHERE id = @id", new { id = person.Id });
        Assert.InRange(minutes, 14, 15.1);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'account.locked-out' AND actor_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task A_return_address_elsewhere_is_ignored()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = app.Client();
        var page = await Html.GetAsync(client, "/Account/SignIn?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        var response = await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#sign-in-form")!,
            new() { ["Input.Email"] = person.Email, ["Input.Password"] = TestDatabase.Password });

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site_lax()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);

        var response = await PortfolioApp.SignInAsync(app.Client(), person.Email, TestDatabase.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portfolio.signin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
