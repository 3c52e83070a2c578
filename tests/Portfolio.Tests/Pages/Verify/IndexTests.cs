using AngleSharp.Dom;
using Dapper;

namespace Portfolio.Tests.Pages.Verify;

public sealed class IndexTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_centres_candidates_are_paged_searchable_by_name_and_sorted_on_the_server()
    {
        var e = await app.EnrolledCandidateAsync();
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                WITH p AS (
                    INSERT INTO people (centre_id, email, display_name, password_hash, roles)
                    SELECT @centre, 'learner' || n || '@list.test', 'Listed Learner ' || lpad(n::text, 2, '0'), 'x', ARRAY['candidate']
                    FROM generate_series(1, 55) n RETURNING id)
                INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
                SELECT @centre, p.id, v.qualification_id, v.id, NULL, @iqa FROM p, rubric_versions v WHERE v.id = @version
                """, new { centre = e.CentreId, version = e.VersionId, iqa = e.Iqa.Id });
        }
        var iqa = await app.SignedInAsync(e.Iqa);

        var first = await Html.GetAsync(iqa, "/Verify?Name=listed+learner");
        var last = await Html.GetAsync(iqa, first.QuerySelector("#next-page")!.GetAttribute("href")!);
        var byAssessor = await Html.GetAsync(iqa, first.QuerySelector("#sort-assessor")!.GetAttribute("href")!);

        Assert.Contains("55 enrolments, 1 to 50 shown", first.QuerySelector("#enrolment-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, first.QuerySelectorAll("#enrolments tbody tr").Length);
        Assert.Equal(["Listed Learner 51", "Listed Learner 52", "Listed Learner 53", "Listed Learner 54", "Listed Learner 55"],
            last.QuerySelectorAll("#enrolments tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal("sort-assessor", byAssessor.QuerySelector("th[aria-sort='ascending'] a")!.Id);
        Assert.Equal("listed learner", byAssessor.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Name")!.Value);
    }

    [Fact]
    public async Task Sorted_by_assessor_the_pages_follow_on_those_without_one_first_then_by_assessor_and_name()
    {
        var e = await app.EnrolledCandidateAsync();
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                WITH p AS (
                    INSERT INTO people (centre_id, email, display_name, password_hash, roles)
                    SELECT @centre, 'sorted' || n || '@list.test', 'Sorted Learner ' || lpad(n::text, 2, '0'), 'x',
                           ARRAY['candidate']
                    FROM generate_series(1, 54) n RETURNING id, display_name)
                INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
                SELECT @centre, p.id, v.qualification_id, v.id,
                       CASE WHEN right(p.display_name, 1)::int % 2 = 0 THEN @assessor END, @iqa
                FROM p, rubric_versions v WHERE v.id = @version
                """, new { centre = e.CentreId, version = e.VersionId, iqa = e.Iqa.Id, assessor = e.Assessor.Id });
        }
        var iqa = await app.SignedInAsync(e.Iqa);

        var first = await Html.GetAsync(iqa, "/Verify?Name=sorted+learner&Sort=assessor");
        var second = await Html.GetAsync(iqa, first.QuerySelector("#next-page")!.GetAttribute("href")!);
        var names = first.QuerySelectorAll("#enrolments tbody tr td:first-child")
            .Concat(second.QuerySelectorAll("#enrolments tbody tr td:first-child")).Select(td => td.TextContent.Trim()).ToList();

        var expected = Enumerable.Range(1, 54).Where(n => n % 2 == 1)
            .Concat(Enumerable.Range(1, 54).Where(n => n % 2 == 0)).Select(n => $"Sorted Learner {n:D2}").ToList();
        Assert.Equal(expected, names);
        Assert.Contains("54 enrolments, 51 to 54 shown", second.QuerySelector("#enrolment-total")!.TextContent,
            StringComparison.Ordinal);
    }
}
