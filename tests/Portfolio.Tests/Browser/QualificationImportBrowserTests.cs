using Microsoft.Playwright;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages;

namespace Portfolio.Tests.Browser;

/// <summary>A published CASE package brought in by a centre administrator, and what its candidates then see.</summary>
public sealed class QualificationImportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static string Published(string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "Portfolio.Tests", "Rubrics", "CasePackages", name + ".json");

    [Fact]
    public async Task The_administrator_uploads_a_published_package_checks_the_preview_imports_it_and_sees_it_listed()
    {
        var centre = await app.CentreAsync();
        var page = await app.SignedInPageAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var import = new QualificationImportPages(page);

        await import.UploadAsync(Published("what-standards-could-be"));
        Assert.Contains("2 units, 6 elements, 12 marking points", await import.Counts.TextContentAsync(),
            StringComparison.Ordinal);
        Assert.Equal(20, await import.TreeRows.CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);
        await import.ConfirmAsync();
        Assert.Contains("CASE-20C5134F imported as version 1", await import.Status.TextContentAsync(),
            StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
        await import.OpenListAsync();

        Assert.Equal(1, await import.Listed("What Standards Could Be").CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_candidate_on_an_imported_framework_with_long_element_titles_sees_a_matrix_that_fits_the_screen()
    {
        var e = await app.EnrolledCandidateAsync();
        var version = await new RubricStore(app.DataSource).ImportAsync(e.CentreId, null,
            RubricWriter.ToFiles(CaseJson.Import(await File.ReadAllTextAsync(Published("what-standards-could-be")))));
        var imported = await app.EnrolledCandidateAsync(e.CentreId, version.VersionId!.Value);
        var page = await app.SignedInPageAsync(imported.Candidate, new ViewportSize { Width = 1280, Height = 900 });

        await page.GotoAsync($"/Portfolio/Matrix?enrolmentId={imported.EnrolmentId}");

        Assert.Equal(1, await page.Locator("#matrix tr[data-point='CCSS.Math.Content.6.RP.A.3a']").CountAsync());
        Assert.Equal(0, await new QualificationImportPages(page).OverflowAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
