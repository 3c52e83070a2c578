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

    [Fact]
    public async Task The_cohort_opens_on_a_qualification_that_has_candidates()
    {
        var (first, _) = await MatrixTestSteps.JudgedAsync(app);
        // A qualification with no one on it yet, listed first.
        await app.ScalarAsync<int>("INSERT INTO qualifications (centre_id, code) VALUES (@c, 'AAA-NEW') RETURNING 1", new { c = first.CentreId });
        var iqa = await app.SignedInAsync(first.Iqa);

        var page = await Html.GetAsync(iqa, "/Verify/Cohort");

        Assert.Equal([first.EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            page.QuerySelectorAll("#cohort tbody tr").Select(r => r.GetAttribute("data-enrolment")));
        Assert.Equal("AAA-NEW", page.QuerySelector("#QualificationId option")!.TextContent);
    }

    [Fact]
    public async Task The_cohort_sheet_says_a_point_of_a_newer_version_is_not_in_the_candidates_version()
    {
        var (first, _) = await MatrixTestSteps.JudgedAsync(app);
        await Pages.Admin.DemoRubric.ImportAsync(app, first.CentreId, Pages.Admin.DemoRubric.Changed(Pages.Admin.DemoRubric.ReviewElement,
            t => t.TrimEnd() + "\n- **1.2.5** The next review is agreed with the client, with a date.\n  *Evidence: progress review*\n"));
        var admin = await app.SignedInAsync(await app.PersonAsync(first.CentreId, Role.CentreAdministrator));
        var qualification = await app.ScalarAsync<long>("SELECT qualification_id FROM rubric_versions WHERE id = @v", new { v = first.VersionId });

        var response = await admin.GetAsync($"/Admin/Cohort?handler=Download&QualificationId={qualification}");

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var book = WorkbookCheck.Open(stream);
        var sheet = book.Worksheet("Cohort");
        var header = sheet.Row(2).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal("Not in this candidate's version", sheet.Row(3).Cell(header.IndexOf("1.2.5") + 1).GetString());
        Assert.Equal("No evidence", sheet.Row(3).Cell(header.IndexOf("1.2.4") + 1).GetString());
    }

    [Fact]
    public async Task A_large_cohort_is_paged_searchable_by_name_and_filtered_by_progress_with_links_that_keep_the_filters()
    {
        var (first, _) = await MatrixTestSteps.JudgedAsync(app);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            // 60 more candidates on the same version and assessor, named "Cohort Member 01" to "60".
            await conn.ExecuteAsync("""
                WITH p AS (
                    INSERT INTO people (centre_id, email, display_name, password_hash, roles)
                    SELECT @centre, 'member' || n || '@cohort.test', 'Cohort Member ' || lpad(n::text, 2, '0'), 'x', ARRAY['candidate']
                    FROM generate_series(1, 60) n RETURNING id)
                INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
                SELECT @centre, p.id, v.qualification_id, v.id, @assessor, @iqa FROM p, rubric_versions v WHERE v.id = @version
                """, new { centre = first.CentreId, version = first.VersionId, assessor = first.Assessor.Id, iqa = first.Iqa.Id });
        }
        var iqa = await app.SignedInAsync(first.Iqa);

        var page = await Html.GetAsync(iqa, "/Verify/Cohort?Name=member&Sort=name");
        var second = await Html.GetAsync(iqa, page.QuerySelector("#next-page")!.GetAttribute("href")!);
        var started = await Html.GetAsync(iqa, "/Verify/Cohort?Band=under-half");

        Assert.Contains("60 candidates, 1 to 50 shown", page.QuerySelector("#cohort-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, page.QuerySelectorAll("#cohort tbody tr").Length);
        Assert.Contains("Cohort Member 01", page.QuerySelector("#cohort tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(10, second.QuerySelectorAll("#cohort tbody tr").Length);
        Assert.Contains("Cohort Member 60", second.QuerySelectorAll("#cohort tbody tr")[^1].TextContent, StringComparison.Ordinal);
        Assert.Equal("member", second.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Name")!.Value);
        Assert.Equal([first.EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            started.QuerySelectorAll("#cohort tbody tr").Select(r => r.GetAttribute("data-enrolment")));
    }
    [Fact]
    public async Task A_candidate_given_another_assessor_is_listed_under_that_assessor_and_sorted_by_their_new_name()
    {
        var (first, _) = await MatrixTestSteps.JudgedAsync(app);
        var other = await Pages.Verify.QualitySteps.AnotherCandidateAsync(app, first);
        await app.ScalarAsync<int>("UPDATE enrolments SET assessor_id = @a WHERE id = @id RETURNING 1",
            new { a = other.Assessor.Id, id = first.EnrolmentId });
        await app.ScalarAsync<int>("UPDATE people SET display_name = 'Aaron Abbott' WHERE id = @id RETURNING 1",
            new { id = other.Candidate.Id });
        var iqa = await app.SignedInAsync(first.Iqa);

        var theirs = await Html.GetAsync(iqa, $"/Verify/Cohort?AssessorId={other.Assessor.Id}&Sort=name");
        var before = await Html.GetAsync(iqa, $"/Verify/Cohort?AssessorId={first.Assessor.Id}");

        var rows = theirs.QuerySelectorAll("#cohort tbody tr");
        Assert.Equal([other.EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            first.EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            rows.Select(r => r.GetAttribute("data-enrolment")));
        Assert.Contains("Aaron Abbott", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(before.QuerySelectorAll("#cohort tbody tr"));
    }
}
