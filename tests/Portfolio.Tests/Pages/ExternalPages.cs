using Microsoft.Playwright;

namespace Portfolio.Tests.Pages;

/// <summary>An evidence item as the external quality assurer sees it: its files and their pictures.</summary>
public sealed class ExternalEvidencePage(IPage page)
{
    public async Task OpenAsync(long id)
    {
        await page.GotoAsync($"/External/Evidence?id={id}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator Picture(long fileId) => page.Locator($"#file-{fileId} img");

    /// <summary>True when the browser fetched and decoded the picture (a broken one has no natural width).</summary>
    public Task<bool> PictureShownAsync(long fileId) =>
        Picture(fileId).EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
}

/// <summary>The centre's list of pages its external quality assurers opened, as the administrator reaches it.</summary>
public sealed class ExternalViewsListPage(IPage page)
{
    public async Task OpenFromAccessPageAsync()
    {
        await page.GotoAsync("/Admin/ExternalAccess");
        await page.ClickAsync("#views-link");
        await page.WaitForURLAsync("**/Admin/ExternalViews");
    }

    public ILocator Rows => page.Locator("#views tbody tr");

    public ILocator Row(string text) => page.Locator("#views tbody tr", new PageLocatorOptions { HasText = text });

    public async Task ShowRefusedAsync()
    {
        await page.SelectOptionAsync("#filter-outcome", "refused");
        await page.ClickAsync("#show-views");
        await page.WaitForURLAsync("**/Admin/ExternalViews?*outcome=refused*");
    }
}
