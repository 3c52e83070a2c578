using System.Net;
using AngleSharp.Dom;
using Dapper;
using Portfolio.People;
using Portfolio.Tests.Export;

namespace Portfolio.Tests.Matrix;

public sealed class CohortTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_cohort_shows_progress_sorted_and_time_to_feedback_per_assessor()
    {
        var (first, _) = await MatrixTestSteps.JudgedAsync(app);
        var second = await app.EnrolledCandidateAsync(first.CentreId);
        await app.ScalarAsync<int>("UPDATE enrolments SET rubric_version_id = @v, qualification_id = (SELECT qualification_id FROM rubric_versions WHERE id = @v) WHERE id = @id RETURNING 1",
            new { v = first.VersionId, id = second.EnrolmentId });
        var iqa = await app.SignedInAsync(first.Iqa);

        var page = await Html.GetAsync(iqa, "/Verify/Cohort?Sort=progress");

        var rows = page.QuerySelectorAll("#cohort tbody tr").Select(r => r.GetAttribute("data-enrolment")).ToList();
        Assert.Equal([first.EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), second.EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)], rows);
        Assert.Contains("1 of 17", page.QuerySelector($"#cohort tr[data-enrolment='{first.EnrolmentId}']")!.TextContent);
        Assert.Contains(first.Assessor.DisplayName, page.QuerySelector("#turnaround")!.TextContent);
    }

    [Fact]
    public async Task The_cohort_workbook_streams_candidates_by_marking_points_validates_and_filters_by_assessor()
    {
        var (first, _) = await MatrixTestSteps.JudgedAsync(app, "=1+1 evidence");
        var admin = await app.SignedInAsync(await app.PersonAsync(first.CentreId, Role.CentreAdministrator));
        var qualification = await app.ScalarAsync<long>("SELECT qualification_id FROM rubric_versions WHERE id = @v", new { v = first.VersionId });

        var response = await admin.GetAsync($"/Admin/Cohort?handler=Download&QualificationId={qualification}&AssessorId={first.Assessor.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition!.ToString());
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet("Cohort");
        WorkbookCheck.AssertNoFormulas(sheet);
        var header = sheet.Row(2).CellsUsed().Select(c => c.GetString()).ToList();
        var data = sheet.Row(3);
        Assert.Equal(first.Candidate.DisplayName, data.Cell(1).GetString());
        Assert.Equal("Met", data.Cell(header.IndexOf("1.1.1") + 1).GetString());
        Assert.Equal("Not yet met", data.Cell(header.IndexOf("1.1.2") + 1).GetString());
        Assert.Equal("Claimed", data.Cell(header.IndexOf("1.1.3") + 1).GetString());
        Assert.Equal("No evidence", data.Cell(header.IndexOf("2.1.1") + 1).GetString());
        Assert.Equal(Math.Round(100.0 / 17, 1), data.Cell(header.IndexOf("Overall % met") + 1).GetDouble());
        Assert.True(sheet.Row(4).IsEmpty());
    }
}
