using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;

namespace Portfolio.Tests.Pages.Account;

public sealed class RateLimitedApp : PortfolioApp
{
    protected override void ConfigureHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.UseSetting("SignIn:AttemptsPerMinute", "3");
    }
}

public sealed class SignInRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_in_a_minute_get_the_sites_own_429_page()
    {
        var client = app.Client();
        for (var i = 0; i < 3; i++)
        {
            await PortfolioApp.SignInAsync(client, "someone@example.org", "guess " + i);
        }

        var response = await PortfolioApp.SignInAsync(client, "someone@example.org", "one more guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Too many attempts", page.QuerySelector("#error-title")!.TextContent);
    }
}
