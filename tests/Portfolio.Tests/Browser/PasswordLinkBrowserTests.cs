using Portfolio.People;
using Portfolio.Tests.Pages;
using Portfolio.Tests.Pages.Account;

namespace Portfolio.Tests.Browser;

public sealed class PasswordLinkBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_forgotten_password_is_replaced_from_the_emailed_link_in_Chromium_and_each_page_passes_axe()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        var page = await app.NewPageAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();

        await page.ClickAsync("#forgot-password");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.FillAsync("#Input_Email", person.Email);
        await page.ClickAsync("#send-link");
        Assert.Equal("Check your email", (await page.Locator("#reset-sent").TextContentAsync())!.Trim());
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GotoAsync(await PasswordLinkSteps.LinkAsync(app, person.Email, PersonLinks.PasswordReset));
        await BrowserApp.AssertAccessibleAsync(page);
        await page.FillAsync("#Input_Password", "violet ferry summit");
        await page.FillAsync("#Input_Confirmation", "violet ferry summit");
        await page.ClickAsync("#choose-password");
        await signIn.SignInAsync(person.Email, "violet ferry summit");

        Assert.Equal(person.DisplayName, await signIn.SignedInName.TextContentAsync());
    }
}
