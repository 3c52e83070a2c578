using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class EditElementTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<(long Centre, HttpClient Admin, IHtmlFormElement Form, string Text)> OpenAsync()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var import = await DemoRubric.ImportAsync(app, centre);
        var version = await Html.GetAsync(admin, $"/Admin/Qualifications/Version?id={import.VersionId}");
        var edit = version.QuerySelectorAll("#source-files a").Single(a => a.TextContent.Contains(DemoRubric.ReviewElement, StringComparison.Ordinal));
        var page = await Html.GetAsync(admin, edit.GetAttribute("href")!);
        var form = page.QuerySelector<IHtmlFormElement>("#edit-form")!;
        return (centre, admin, form, form.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value);
    }

    [Fact]
    public async Task Check_shows_a_preview_and_the_changes_without_saving()
    {
        var (centre, admin, form, text) = await OpenAsync();

        var page = await Html.ParseAsync(await Html.SubmitAsync(admin, form,
            new() { ["Input.Text"] = text.Replace("safe, supportive setting", "calm and private setting", StringComparison.Ordinal) }, "#check"));

        Assert.Contains("calm and private setting", page.QuerySelector("#preview [id='point-1.2.1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1.2.1", page.QuerySelector("#diff-reworded")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("calm and private setting", page.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value, StringComparison.Ordinal);
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task Save_makes_a_new_version_and_saving_unchanged_text_says_so()
    {
        var (centre, admin, form, text) = await OpenAsync();

        var unchanged = await Html.SubmitAsync(admin, form, new() { ["Input.Text"] = text }, "#save");
        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Contains("Nothing changed: PCG-L4-DEMO is still version 1.", (await Html.GetAsync(admin, unchanged.Headers.Location!.OriginalString)).QuerySelector("#status")!.TextContent, StringComparison.Ordinal);

        var saved = await Html.SubmitAsync(admin, form, new() { ["Input.Text"] = text.Replace("safe, supportive setting", "calm and private setting", StringComparison.Ordinal) }, "#save");

        var page = await Html.GetAsync(admin, saved.Headers.Location!.OriginalString);
        Assert.Contains("PCG-L4-DEMO version 2 has been made from version 1.", page.QuerySelector("#status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("calm and private setting", page.QuerySelector("[id='point-1.2.1']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_problem_keeps_the_text_and_lists_file_and_line_and_saves_nothing()
    {
        var (centre, admin, form, text) = await OpenAsync();
        var broken = text.Replace("## Key concepts", "## Key concepts\n\n## Key concepts", StringComparison.Ordinal);

        var page = await Html.ParseAsync(await Html.SubmitAsync(admin, form, new() { ["Input.Text"] = broken }, "#save"));

        Assert.Contains(page.QuerySelectorAll("#problems li"), li => li.TextContent.StartsWith($"{DemoRubric.ReviewElement}:", StringComparison.Ordinal) && li.TextContent.Contains("appears twice", StringComparison.Ordinal));
        Assert.Equal(broken.ReplaceLineEndings("\n"), page.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value.ReplaceLineEndings("\n"));
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Theory]
    [InlineData("#check")]
    [InlineData("#save")]
    public async Task Sending_the_text_box_empty_asks_for_the_markdown_and_saves_nothing(string button)
    {
        var (centre, admin, form, _) = await OpenAsync();

        var response = await Html.SubmitAsync(admin, form, new() { ["Input.Text"] = "" }, button);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(["Paste or write the element's Markdown"], Html.Errors(page));
        Assert.Contains("Paste or write the element's Markdown", page.QuerySelector("#Input_Text-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_post_without_pressing_a_button_checks_the_text()
    {
        var (centre, admin, form, text) = await OpenAsync();
        Assert.Null(form.GetAttribute("action")); // so the form posts to the page's own address, with no handler

        var response = await Html.SubmitAsync(admin, form,
            new() { ["Input.Text"] = text.Replace("safe, supportive setting", "calm and private setting", StringComparison.Ordinal) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("calm and private setting", page.QuerySelector("#preview [id='point-1.2.1']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }
}
