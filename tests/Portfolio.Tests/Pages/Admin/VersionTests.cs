using System.IO.Compression;
using System.Net;
using AngleSharp.Dom;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Admin;

public sealed class VersionTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task A_version_shows_the_whole_tree_with_guidance_rendered_and_the_changes_since_the_previous_one()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        await DemoRubric.ImportAsync(app, centre);
        var second = await DemoRubric.ImportAsync(app, centre, DemoRubric.Reworded);

        var page = await Html.GetAsync(admin, $"/Admin/Qualifications/Version?id={second.VersionId}");

        Assert.Equal(3, page.QuerySelectorAll("section.app-rubric-element").Length);
        var point = page.QuerySelector("[id='point-1.2.2']")!.TextContent;
        Assert.Contains("scaling questions", point, StringComparison.Ordinal);
        Assert.Contains("Professional discussion", point, StringComparison.Ordinal);
        Assert.Equal("Impartial and confidential practice.", page.QuerySelector("[id='element-1.2'] .app-markdown-preview strong")!.TextContent);
        var reworded = page.QuerySelector("#diff-reworded")!.TextContent;
        Assert.Contains("1.2.1", reworded, StringComparison.Ordinal);
        Assert.Contains("safe, supportive setting", reworded, StringComparison.Ordinal);
        Assert.Contains("calm and private setting", reworded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_that_states_no_level_is_described_by_its_code_and_publisher_alone()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var preview = await CasePreviewTests.PreviewAsync(admin, CasePreviewTests.Published("smart-level-test"));
        var response = await Html.SubmitAsync(admin, preview.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>(
            "#confirm-form")!, new());

        var page = await Html.GetAsync(admin, response.Headers.Location!.OriginalString);

        Assert.Equal("CASE-D0000000, OpenSALT Testing", page.QuerySelector("#version-caption")!.TextContent);
    }

    [Fact]
    public async Task The_case_package_and_the_source_zip_download_as_attachments()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var import = await DemoRubric.ImportAsync(app, centre);
        var page = await Html.GetAsync(admin, $"/Admin/Qualifications/Version?id={import.VersionId}");

        var json = await admin.GetAsync(page.QuerySelector("#download-case")!.GetAttribute("href"));
        var zip = await admin.GetAsync(page.QuerySelector("#download-source")!.GetAttribute("href"));

        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(RubricLoader.Load(DemoRubric.Files).Qualification!.ContentHash(), CaseJson.Import(await json.Content.ReadAsStringAsync()).ContentHash());
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(DemoRubric.Files.Select(f => f.Path).Order(), archive.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public async Task Comparing_with_a_chosen_version_shows_the_changes_from_it()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var first = await DemoRubric.ImportAsync(app, centre);
        await DemoRubric.ImportAsync(app, centre, DemoRubric.Reworded);
        var third = await DemoRubric.ImportAsync(app, centre, DemoRubric.WithoutPoint124);
        var page = await Html.GetAsync(admin, $"/Admin/Qualifications/Version?id={third.VersionId}");

        var compared = await Html.ParseAsync(await admin.GetAsync($"/Admin/Qualifications/Version?id={third.VersionId}&Compare={first.VersionId}"));

        Assert.Contains("From version 2 to version 3", page.QuerySelector("#compared-with")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#diff-reworded"));
        Assert.Contains("From version 1 to version 3", compared.QuerySelector("#compared-with")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1.2.4", compared.QuerySelector("#diff-removed")!.TextContent, StringComparison.Ordinal);
        Assert.Null(compared.QuerySelector("#diff-reworded"));
    }

    [Fact]
    public async Task Another_centres_version_is_not_found()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var theirs = await DemoRubric.ImportAsync(app, await app.CentreAsync("Elsewhere"));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Qualifications/Version?id={theirs.VersionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Qualifications/Version?handler=Case&id={theirs.VersionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Qualifications/Version?handler=Source&id={theirs.VersionId}")).StatusCode);
    }
}
