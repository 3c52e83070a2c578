using Microsoft.Playwright;

namespace Portfolio.Tests.Pages;

/// <summary>The administrator's upload page, the import preview it leads to and the version page after Import.
/// </summary>
public sealed class QualificationImportPages(IPage page)
{
    public async Task UploadAsync(string path)
    {
        await page.GotoAsync("/Admin/Qualifications/Upload");
        await page.SetInputFilesAsync("#Input_File", path);
        await page.ClickAsync("#upload");
        await page.WaitForURLAsync("**/Admin/Qualifications/CasePreview?id=*");
    }

    public ILocator Counts => page.Locator("#preview-counts");
    public ILocator Updates => page.Locator("#preview-updates");
    public ILocator TreeRows => page.Locator("#preview-tree tbody tr");

    public async Task ConfirmAsync()
    {
        await page.ClickAsync("#confirm-import");
        await page.WaitForURLAsync("**/Admin/Qualifications/Version?id=*");
    }

    public ILocator Status => page.Locator("#status");

    public async Task OpenListAsync()
    {
        await page.ClickAsync("a.govuk-back-link");
        await page.WaitForURLAsync("**/Admin/Qualifications");
    }

    public ILocator Listed(string title) => page.Locator("h2", new PageLocatorOptions { HasText = title });

    /// <summary>How much wider than the screen the page is (0 when it never scrolls sideways).</summary>
    public Task<int> OverflowAsync() => page.EvaluateAsync<int>(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
}
