using System.IO.Compression;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Admin;

public sealed class UploadTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, FileUpload file, string qualificationId = "")
    {
        var page = await Html.GetAsync(admin, "/Admin/Qualifications/Upload");
        return await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#upload-form")!, new() { ["Input.File"] = file, ["Input.QualificationId"] = qualificationId });
    }

    static async Task<string> StatusAfterAsync(HttpClient admin, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(admin, response.Headers.Location!.OriginalString);
        return page.QuerySelector("#status")!.TextContent + "\n" + page.QuerySelector("#rubric-diff")?.TextContent;
    }

    async Task<(long Centre, HttpClient Admin)> AdminAsync()
    {
        var centre = await app.CentreAsync();
        return (centre, await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator)));
    }

    [Fact]
    public async Task A_good_zip_imports_version_1_the_same_again_is_unchanged_and_a_change_makes_version_2()
    {
        var (_, admin) = await AdminAsync();

        var first = await StatusAfterAsync(admin, await UploadAsync(admin, DemoRubric.Zip(DemoRubric.Files)));
        var again = await StatusAfterAsync(admin, await UploadAsync(admin, DemoRubric.Zip(DemoRubric.Files)));
        var changed = await StatusAfterAsync(admin, await UploadAsync(admin, DemoRubric.Zip(DemoRubric.Reworded)));

        Assert.Contains("PCG-L4-DEMO imported as version 1.", first, StringComparison.Ordinal);
        Assert.Contains("PCG-L4-DEMO is unchanged: still version 1.", again, StringComparison.Ordinal);
        Assert.Contains("PCG-L4-DEMO imported as version 2.", changed, StringComparison.Ordinal);
        Assert.Contains("Marking points reworded", changed, StringComparison.Ordinal);
        Assert.Contains("calm and private setting", changed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_rubric_shows_each_problem_with_file_and_line_and_imports_nothing()
    {
        var (centre, admin) = await AdminAsync();
        var bad = DemoRubric.Changed(DemoRubric.ReviewElement, t => t
            .Replace("*Evidence: observation, witness testimony, reflective account*", "*Evidence: interpretive dance*", StringComparison.Ordinal)
            .Replace("- **1.2.3**", "- **9.9.9**", StringComparison.Ordinal));
        var before = await DemoRubric.VersionCountAsync(app, centre);

        var page = await Html.ParseAsync(await UploadAsync(admin, DemoRubric.Zip(bad)));

        var problems = page.QuerySelectorAll("#problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(problems, p => p.StartsWith($"{DemoRubric.ReviewElement}:", StringComparison.Ordinal) && p.Contains("unknown evidence kind 'interpretive dance'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{DemoRubric.ReviewElement}:", StringComparison.Ordinal) && p.Contains("'9.9.9' does not start with its element id '1.2.'", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Matches(@"^[^:]+\.md:[1-9]\d*: ", p));
        Assert.Contains("The rubric has 2 problems listed below; nothing was imported", Html.Errors(page));
        Assert.Equal(before, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_marking_point_without_its_dash_is_shown_with_file_and_line_and_imports_nothing()
    {
        var (centre, admin) = await AdminAsync();
        var bad = DemoRubric.Changed(DemoRubric.ReviewElement, t => t.Replace("- **1.2.3**", "\n**1.2.3**", StringComparison.Ordinal));
        var before = await DemoRubric.VersionCountAsync(app, centre);

        var page = await Html.ParseAsync(await UploadAsync(admin, DemoRubric.Zip(bad)));

        var problem = Assert.Single(page.QuerySelectorAll("#problems li")).TextContent.Trim();
        Assert.StartsWith($"{DemoRubric.ReviewElement}:56: '**1.2.3** The candidate shows", problem, StringComparison.Ordinal);
        Assert.Contains("is not a marking point", problem, StringComparison.Ordinal);
        Assert.Equal(before, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_zip_with_an_entry_outside_the_folder_is_refused()
    {
        var (centre, admin) = await AdminAsync();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in DemoRubric.Files)
            {
                using var entry = archive.CreateEntry(file.Path).Open();
                entry.Write(file.Content);
            }
            using var evil = archive.CreateEntry("../evil.md").Open();
            evil.Write("---\nid: x\n---\n"u8);
        }

        var page = await Html.ParseAsync(await UploadAsync(admin, new FileUpload("evil.zip", zip.ToArray(), "application/zip")));

        Assert.Contains(page.QuerySelectorAll("#problems li"), li => li.TextContent.Contains("evil.zip: the entry '../evil.md' points outside the rubric folder", StringComparison.Ordinal));
        Assert.Equal(0, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_case_package_cut_short_is_refused_saying_where_it_breaks_off_counting_from_one()
    {
        var (centre, admin) = await AdminAsync();

        var page = await Html.ParseAsync(await CasePreviewTests.UploadAsync(admin,
            "{\n  \"CFDocument\": {\"identifier\": \"d\","u8.ToArray(), "cut.json"));

        Assert.Equal("cut.json: not valid JSON: it stops or goes wrong at line 2, character 35 "
            + "(a file cut short, or not a CASE package)", page.QuerySelector("#problems li")!.TextContent.Trim());
        Assert.Equal(0, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task An_exported_case_package_uploaded_back_is_the_same_tree_so_nothing_changes()
    {
        var (centre, admin) = await AdminAsync();
        var import = await DemoRubric.ImportAsync(app, centre);
        var json = await (await admin.GetAsync($"/Admin/Qualifications/Version?handler=Case&id={import.VersionId}")).Content.ReadAsByteArrayAsync();

        var preview = await CasePreviewTests.PreviewAsync(admin, json);
        var status = await CasePreviewTests.ConfirmAsync(admin, preview);

        Assert.Contains("PCG-L4-DEMO is unchanged: still version 1.", status, StringComparison.Ordinal);
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_single_element_file_is_applied_to_the_chosen_qualifications_newest_version()
    {
        var (centre, admin) = await AdminAsync();
        var import = await DemoRubric.ImportAsync(app, centre);
        var element = DemoRubric.Reworded.Single(f => f.Path == DemoRubric.ReviewElement);

        var without = await Html.ParseAsync(await UploadAsync(admin, new FileUpload("review.md", element.Content, "text/markdown")));
        var status = await StatusAfterAsync(admin, await UploadAsync(admin, new FileUpload("review.md", element.Content, "text/markdown"), import.QualificationId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains(without.QuerySelectorAll("#problems li"), li => li.TextContent.Contains("choose the qualification this element belongs to", StringComparison.Ordinal));
        Assert.Contains("imported as version 2", status, StringComparison.Ordinal);
        Assert.Contains("calm and private setting", status, StringComparison.Ordinal);
        Assert.Equal(DemoRubric.Files.Select(f => f.Path).Order(), (await new RubricStore(app.DataSource).FilesAsync(centre, (await new RubricStore(app.DataSource).VersionsAsync(centre))[0].Id)).Select(f => f.Path).Order());
    }
}
