using Microsoft.Playwright;

namespace Portfolio.Tests.Pages;

/// <summary>The sign-in page's selectors, in one place for every browser test.</summary>
public sealed class SignInPage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("/Account/SignIn");

    public async Task SignInAsync(string email, string password)
    {
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator SignedInName => page.Locator("#signed-in-name");
    public ILocator ErrorSummary => page.Locator("#error-summary");
}
