using System.Net;
using AngleSharp.Dom;
using ClosedXML.Excel;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Export;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Matrix;

public sealed class MatrixPageTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_candidate_sees_met_not_yet_claimed_and_gaps_and_can_filter_to_gaps_of_an_element()
    {
        var (e, _) = await MatrixTestSteps.JudgedAsync(app);
        var client = await app.SignedInAsync(e.Candidate);

        var all = await Html.GetAsync(client, "/Portfolio/Matrix");
        var gaps = await Html.GetAsync(client, "/Portfolio/Matrix?element=1.1&status=gap");

        string Status(IDocument page, string code) => page.QuerySelector($"#matrix tr[data-point='{code}']")!.GetAttribute("data-status")!;
        Assert.Equal("Met", Status(all, "1.1.1"));
        Assert.Equal("NotYet", Status(all, "1.1.2"));
        Assert.Equal("Claimed", Status(all, "1.1.3"));
        Assert.Equal("None", Status(all, "2.1.1"));
        Assert.NotNull(all.QuerySelector("#matrix tr[data-point='1.1.2'].app-matrix__gap"));
        var shown = gaps.QuerySelectorAll("#matrix tr[data-point]").Select(r => r.GetAttribute("data-point")).ToList();
        Assert.Contains("1.1.2", shown);
        Assert.DoesNotContain("1.1.1", shown);
        Assert.DoesNotContain("1.1.3", shown);
        Assert.All(shown, code => Assert.StartsWith("1.1.", code));
    }

    [Fact]
    public async Task The_matrix_workbook_validates_and_keeps_a_formula_like_title_as_text()
    {
        var (e, _) = await MatrixTestSteps.JudgedAsync(app, "=HYPERLINK(\"http://evil.example\",\"click\")");
        var client = await app.SignedInAsync(e.Candidate);

        var response = await client.GetAsync("/Portfolio/Matrix?handler=Download");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet("Evidence matrix");
        WorkbookCheck.AssertNoFormulas(sheet);
        var header = sheet.Row(2).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"click\")", header);
        var row = sheet.RowsUsed().First(r => r.Cell(3).GetString() == "1.1.2");
        Assert.Equal("Not yet met", row.Cell(5).GetString());
        Assert.Equal("Gap", row.Cell(6).GetString());
        Assert.Equal(2, sheet.SheetView.SplitRow);
    }

    [Fact]
    public async Task A_witness_confirmation_shows_on_the_matrix_and_in_its_workbook()
    {
        var e = await app.EnrolledCandidateAsync();
        var (_, _, link) = await WitnessSteps.AskedAsync(app, e);
        await WitnessSteps.ConfirmAsync(app.Client(), link);
        var client = await app.SignedInAsync(e.Candidate);
        var line = $"Confirmed by Sam Rivers, Team Leader, {DateTime.UtcNow:d MMMM yyyy}";

        var page = await Html.GetAsync(client, "/Portfolio/Matrix");
        var response = await client.GetAsync("/Portfolio/Matrix?handler=Download");

        Assert.Equal(line, page.QuerySelector("#matrix .app-matrix__witness")!.TextContent);
        using var book = WorkbookCheck.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains(book.Worksheet("Evidence").RowsUsed(), r => r.Cell(3).GetString() == line);
    }

    [Fact]
    public async Task An_assessor_sees_their_candidates_matrix_but_not_anothers()
    {
        var (e, _) = await MatrixTestSteps.JudgedAsync(app);
        var assessor = await app.SignedInAsync(e.Assessor);
        var stranger = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.Assessor));

        Assert.Equal(HttpStatusCode.OK, (await assessor.GetAsync($"/Assess/Matrix?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Assess/Matrix?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Assess/Matrix?handler=Download&enrolmentId={e.EnrolmentId}")).StatusCode);
    }

    [Fact]
    public async Task A_candidate_on_two_qualifications_opens_each_ones_matrix_with_long_element_titles_shortened()
    {
        var e = await app.EnrolledCandidateAsync();
        var package = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "tests", "Portfolio.Tests",
            "Rubrics", "CasePackages", "what-standards-could-be.json"));
        var import = await new RubricStore(app.DataSource).ImportAsync(e.CentreId, null,
            RubricWriter.ToFiles(CaseJson.Import(package)));
        var second = await app.ScalarAsync<long>("""
            INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
            SELECT @centre, @candidate, qualification_id, id, @assessor, @iqa FROM rubric_versions WHERE id = @version
            RETURNING id
            """, new { centre = e.CentreId, candidate = e.Candidate.Id, assessor = e.Assessor.Id, iqa = e.Iqa.Id,
                version = import.VersionId });
        var client = await app.SignedInAsync(e.Candidate);

        var dashboard = await Html.GetAsync(client, "/Portfolio");
        var first = await Html.GetAsync(client, dashboard.QuerySelector($"#matrix-link-{e.EnrolmentId}")!
            .GetAttribute("href")!);
        var other = await Html.GetAsync(client, dashboard.QuerySelector($"#matrix-link-{second}")!
            .GetAttribute("href")!);

        Assert.NotNull(first.QuerySelector("#matrix tr[data-point='1.1.1']"));
        Assert.NotNull(other.QuerySelector("#matrix tr[data-point='CCSS.Math.Content.6.RP.A.3a']"));
        var choices = other.QuerySelectorAll("#element option").Select(o => o.TextContent).ToList();
        Assert.Equal(7, choices.Count);
        Assert.All(choices, c => Assert.True(c.Length <= 70, c));
        Assert.Contains(choices, c => c.EndsWith('…'));
    }
}
