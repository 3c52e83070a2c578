using Microsoft.Playwright;
using Portfolio.People;
using Portfolio.Tests.Pages;

namespace Portfolio.Tests.Browser;

public sealed class SignInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_candidate_signs_in_in_Chromium_and_both_pages_pass_axe()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var page = await app.NewPageAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await BrowserApp.AssertAccessibleAsync(page);

        await signIn.SignInAsync(person.Email, TestDatabase.Password);

        Assert.EndsWith("/Portfolio", page.Url);
        Assert.Equal(person.DisplayName, await signIn.SignedInName.TextContentAsync());
        Assert.Equal("true", await page.EvaluateAsync<string>("() => String(document.body.classList.contains('govuk-frontend-supported'))"));
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_summary_in_Chromium_and_it_passes_axe()
    {
        var page = await app.NewPageAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();

        await signIn.SignInAsync("nobody@example.org", "wrong password");

        Assert.Contains("The email address or password is not right", await signIn.ErrorSummary.TextContentAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_accessibility_check_fails_on_a_serious_violation_and_names_it()
    {
        var page = await app.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=\"en\"><title>t</title><main><img src=\"x.png\"></main></html>");

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => BrowserApp.AssertAccessibleAsync(page));

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
