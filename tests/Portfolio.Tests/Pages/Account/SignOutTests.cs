using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Account;

public sealed class SignOutTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Signing_out_ends_the_session_so_a_copy_of_the_old_cookie_no_longer_works()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = await app.SignedInAsync(person);
        var copied = app.SignInCookie(client);
        var page = await Html.GetAsync(client, "/Portfolio");

        var response = await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>(".app-header__sign-out")!);

        Assert.Equal("/Account/SignIn", response.Headers.Location!.OriginalString);
        var replay = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Portfolio");
        request.Headers.Add("Cookie", copied);
        var after = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/SignIn", after.Headers.Location!.PathAndQuery);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'sign-out' AND actor_id = @id", new { id = person.Id }));
    }
}
