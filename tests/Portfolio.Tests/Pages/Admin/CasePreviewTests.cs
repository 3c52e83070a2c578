using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class CasePreviewTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    internal static byte[] Published(string name) =>
        File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "Portfolio.Tests", "Rubrics", "CasePackages",
            name + ".json"));

    /// <summary>Uploads the package and answers the preview page it leads to.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, byte[] json,
        string name = "framework.json")
    {
        var page = await Html.GetAsync(admin, "/Admin/Qualifications/Upload");
        return await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#upload-form")!,
            new() { ["Input.File"] = new FileUpload(name, json, "application/json") });
    }

    internal static async Task<AngleSharp.Html.Dom.IHtmlDocument> PreviewAsync(HttpClient admin, byte[] json)
    {
        var response = await UploadAsync(admin, json);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await Html.GetAsync(admin, response.Headers.Location!.OriginalString);
    }

    /// <summary>Confirms the preview and answers the status shown on the version page.</summary>
    internal static async Task<string> ConfirmAsync(HttpClient admin, AngleSharp.Html.Dom.IHtmlDocument preview)
    {
        var response = await Html.SubmitAsync(admin, preview.QuerySelector<IHtmlFormElement>("#confirm-form")!, new());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var version = await Html.GetAsync(admin, response.Headers.Location!.OriginalString);
        return version.QuerySelector("#status")!.TextContent;
    }

    async Task<(long Centre, HttpClient Admin)> AdminAsync()
    {
        var centre = await app.CentreAsync();
        return (centre, await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator)));
    }

    [Theory]
    [InlineData("what-standards-could-be", "2 units, 6 elements, 12 marking points")]
    [InlineData("act-holistic-framework-math", "1 unit, 1 element, 24 marking points")]
    [InlineData("smart-level-test", "1 unit, 2 elements, 12 marking points")]
    public async Task A_published_package_is_previewed_with_nothing_stored_and_imported_on_confirming(
        string name, string counts)
    {
        var (centre, admin) = await AdminAsync();

        var preview = await PreviewAsync(admin, Published(name));
        var before = await DemoRubric.VersionCountAsync(app, centre);
        var status = await ConfirmAsync(admin, preview);

        Assert.Contains(counts, preview.QuerySelector("#preview-counts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, before);
        Assert.Contains("imported as version 1", status, StringComparison.Ordinal);
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task Choosing_other_levels_makes_the_clusters_elements_of_one_unit()
    {
        var (_, admin) = await AdminAsync();
        var preview = await PreviewAsync(admin, Published("what-standards-could-be"));

        var response = await Html.SubmitAsync(admin, preview.QuerySelector<IHtmlFormElement>("#levels-form")!,
            new() { ["Units"] = "0", ["Elements"] = "1" });
        var page = await Html.ParseAsync(response);

        Assert.Contains("1 unit, 2 elements, 12 marking points", page.QuerySelector("#preview-counts")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("imported as version 1", await ConfirmAsync(admin, page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_with_an_item_listed_twice_is_previewed_and_says_so()
    {
        var (_, admin) = await AdminAsync();
        var package = JsonNode.Parse(Published("what-standards-could-be"))!.AsObject();
        var items = package["CFItems"]!.AsArray();
        items.Add(items[0]!.DeepClone());

        var preview = await PreviewAsync(admin, Encoding.UTF8.GetBytes(package.ToJsonString()));

        Assert.Contains("1 item appears more than once, identically",
            preview.QuerySelector("#package-notices")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("2 units, 6 elements, 12 marking points", preview.QuerySelector("#preview-counts")!.TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_package_with_one_item_reworded_previews_that_point_reworded_under_its_code()
    {
        var (_, admin) = await AdminAsync();
        await ConfirmAsync(admin, await PreviewAsync(admin, Published("smart-level-test")));
        var later = JsonNode.Parse(Published("smart-level-test"))!.AsObject();
        var item = later["CFItems"]!.AsArray().OfType<JsonObject>()
            .First(i => i["CFItemType"] is null && (string?)i["fullStatement"] == "Item 1.1");
        item["fullStatement"] = "Item 1.1, reworded by the publisher";

        var preview = await PreviewAsync(admin, Encoding.UTF8.GetBytes(later.ToJsonString()));

        Assert.Contains("It updates CASE-D0000000 (now version 1) to version 2",
            preview.QuerySelector("#preview-updates")!.TextContent, StringComparison.Ordinal);
        var reworded = Assert.Single(preview.QuerySelectorAll("#diff-reworded .govuk-summary-list__row"));
        Assert.Equal("1.1.1", reworded.QuerySelector("dt")!.TextContent.Trim());
        Assert.Contains("Item 1.1, reworded by the publisher", reworded.TextContent, StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("#diff-added"));
    }

    [Fact]
    public async Task The_same_package_uploaded_again_previews_as_identical_and_makes_no_new_version()
    {
        var (centre, admin) = await AdminAsync();
        await ConfirmAsync(admin, await PreviewAsync(admin, Published("what-standards-could-be")));

        var again = await PreviewAsync(admin, Published("what-standards-could-be"));

        Assert.Contains("It is identical to CASE-20C5134F version 1: importing it makes no new version.",
            again.QuerySelector("#preview-updates")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("is unchanged", await ConfirmAsync(admin, again), StringComparison.Ordinal);
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task Another_centres_preview_is_not_found()
    {
        var (_, admin) = await AdminAsync();
        var (_, other) = await AdminAsync();
        var response = await UploadAsync(admin, Published("smart-level-test"));

        var answer = await other.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task The_preview_downloads_the_rubric_files_the_import_would_store()
    {
        var (_, admin) = await AdminAsync();
        var preview = await PreviewAsync(admin, Published("smart-level-test"));

        var zip = await admin.GetAsync(preview.QuerySelector<IHtmlAnchorElement>("#download-files")!.Href);

        using var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(["1.1-item-1.md", "1.2-item-2.md", "qualification.md"],
            archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }
}
