using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Account;

public sealed class ChangePasswordTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static Dictionary<string, object> Values(string current, string replacement, string confirmation) => new()
    {
        ["Input.Current"] = current,
        ["Input.Replacement"] = replacement,
        ["Input.Confirmation"] = confirmation,
    };

    async Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string replacement, string confirmation)
    {
        var page = await Html.GetAsync(client, "/Account/ChangePassword");
        return await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#change-password-form")!, Values(current, replacement, confirmation));
    }

    [Fact]
    public async Task Changing_the_password_lets_the_new_one_sign_in_and_ends_other_sessions()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var elsewhere = await app.SignedInAsync(person);
        var client = await app.SignedInAsync(person);

        var response = await ChangeAsync(client, TestDatabase.Password, "purple tractor meadow", "purple tractor meadow");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/Portfolio")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Portfolio")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), person.Email, "purple tractor meadow")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'password.changed' AND actor_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_nothing_changes()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = await app.SignedInAsync(person);

        var response = await ChangeAsync(client, "not my password", "purple tractor meadow", "purple tractor meadow");

        Assert.Contains("Your current password is not right", Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), person.Email, TestDatabase.Password)).StatusCode);
    }

    [Theory]
    [InlineData("short", "short", "Password must be at least 10 characters: three random words work well")]
    [InlineData("purple tractor meadow", "purple tractor meadows", "The two new passwords are not the same")]
    public async Task A_weak_or_mistyped_new_password_is_refused_with_a_reason(string replacement, string confirmation, string message)
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Assessor);
        var client = await app.SignedInAsync(person);

        var response = await ChangeAsync(client, TestDatabase.Password, replacement, confirmation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Html.Errors(await Html.ParseAsync(response)));
    }
}
