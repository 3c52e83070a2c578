using System.IO.Compression;
using System.Net;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Tests.Export;
using Portfolio.Tests.Pages;

namespace Portfolio.Tests.Matrix;

public sealed class PortfolioArchiveTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_whole_portfolio_zip_holds_a_page_per_revision_with_feedback_the_files_and_the_matrix()
    {
        var (e, id) = await MatrixTestSteps.JudgedAsync(app, "Plan <with> Client D");
        var client = await app.SignedInAsync(e.Candidate);

        var response = await client.GetAsync("/Portfolio/Export");

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var names = zip.Entries.Select(x => x.FullName).ToList();
        Assert.Contains("index.html", names);
        Assert.Contains($"evidence/{id}-revision-1.html", names);
        Assert.Contains("evidence-matrix.xlsx", names);
        using var page = new StreamReader(zip.GetEntry($"evidence/{id}-revision-1.html")!.Open());
        var html = await page.ReadToEndAsync();
        Assert.Contains("Plan &lt;with&gt; Client D", html);
        Assert.Contains("Add dates.", html);
        Assert.Contains("Not yet met", html);
        using var matrix = new MemoryStream();
        await zip.GetEntry("evidence-matrix.xlsx")!.Open().CopyToAsync(matrix);
        WorkbookCheck.AssertValid(matrix);
    }

    [Fact]
    public async Task An_administrator_of_another_centre_gets_404_and_their_own_gets_the_zip()
    {
        var (e, _) = await MatrixTestSteps.JudgedAsync(app);
        var mine = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var elsewhere = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync("Elsewhere"), Role.CentreAdministrator));

        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/Admin/PortfolioExport?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/Admin/PortfolioExport?enrolmentId={e.EnrolmentId}")).StatusCode);
    }

    [Fact]
    public async Task The_zip_shows_evidence_markdown_rendered_with_any_script_as_words()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await Portfolio.Tests.Pages.Verify.QualitySteps.ReturnedAsync(app, e, Portfolio.Rubrics.EvidenceKind.OtherDocument, RenderedMarkdown.Notes, "1.1.1");
        var client = await app.SignedInAsync(e.Candidate);

        var response = await client.GetAsync("/Portfolio/Export");

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var page = new StreamReader(zip.GetEntry($"evidence/{id}-revision-1.html")!.Open());
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.ReadToEndAsync());
        RenderedMarkdown.AssertRendered(document.QuerySelector(".text"));
    }

    [Fact]
    public async Task The_zip_shows_a_progress_reviews_plan_with_its_steps_linked_both_ways()
    {
        var e = await app.EnrolledCandidateAsync();
        var (plan, review) = await Portfolio.Tests.Pages.Verify.QualitySteps.PlanAndReviewAsync(app, e);
        var client = await app.SignedInAsync(e.Candidate);

        using var zip = new ZipArchive(new MemoryStream(await (await client.GetAsync("/Portfolio/Export")).Content.ReadAsByteArrayAsync()));

        var parser = new AngleSharp.Html.Parser.HtmlParser();
        using var reviewEntry = new StreamReader(zip.GetEntry($"evidence/{review}-revision-1.html")!.Open());
        using var planEntry = new StreamReader(zip.GetEntry($"evidence/{plan}-revision-1.html")!.Open());
        var reviewPage = parser.ParseDocument(await reviewEntry.ReadToEndAsync());
        var planPage = parser.ParseDocument(await planEntry.ReadToEndAsync());
        Assert.Equal($"{plan}-revision-1.html", reviewPage.QuerySelector("#reviewed-plan a")!.GetAttribute("href"));
        Assert.Equal(2, reviewPage.QuerySelectorAll("#reviewed-plan-steps li").Length);
        Assert.Equal($"{review}-revision-1.html", planPage.QuerySelector("#reviewed-in a")!.GetAttribute("href"));
    }
}
