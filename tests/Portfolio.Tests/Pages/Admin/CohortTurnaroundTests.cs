using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dapper;
using Portfolio.Enrolments;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.Admin;

/// <summary>
/// The cohort page's median days to feedback per assessor come from counts the writes keep; after every kind of write
/// that changes a candidate's returned feedback or their assessor, the page shows what the returned reviews say.
/// </summary>
public sealed class CohortTurnaroundTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    // Straight from the reviews: every returned review of the centre, under its candidate's assessor now.
    const string ReturnedDaysSql = """
        SELECT a.display_name AS assessor, extract(epoch FROM ar.returned_at - r.submitted_at)::float8 / 86400 AS days
        FROM assessment_reviews ar JOIN evidence_revisions r ON r.id = ar.revision_id
        JOIN evidence_items i ON i.id = r.item_id JOIN enrolments e ON e.id = i.enrolment_id
        JOIN people a ON a.id = e.assessor_id
        WHERE e.centre_id = @centreId AND ar.returned_at IS NOT NULL
        """;

    async Task<Dictionary<string, (int Returned, double Median)>> FromReviewsAsync(long centreId)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Assessor, double Days)>(ReturnedDaysSql, new { centreId });
        return rows.GroupBy(r => r.Assessor).ToDictionary(g => g.Key, g =>
        {
            var days = g.Select(r => r.Days).Order().ToList();
            return (days.Count, (days[(days.Count - 1) / 2] + days[days.Count / 2]) / 2);
        });
    }

    static Dictionary<string, (int Returned, double Median)> Shown(IDocument page) =>
        page.QuerySelectorAll("#turnaround tbody tr").ToDictionary(
            r => r.Children[0].TextContent,
            r =>
            {
                var name = r.Children[0].TextContent;
                var meter = page.QuerySelectorAll("#turnaround-chart meter")
                    .Single(m => m.GetAttribute("aria-label")!.StartsWith(name + ":", StringComparison.Ordinal));
                return (int.Parse(r.Children[2].TextContent, CultureInfo.InvariantCulture),
                    double.Parse(meter.GetAttribute("value")!, CultureInfo.InvariantCulture));
            });

    async Task AssertPageShowsTheReviewsAsync(HttpClient admin, long centreId, string step, string query = "")
    {
        var expected = await FromReviewsAsync(centreId);
        var shown = Shown(await Html.GetAsync(admin, "/Admin/Cohort" + query));

        Assert.True(expected.Count > 0, $"No feedback returned yet at: {step}");
        Assert.Equal(expected.Keys.Order(), shown.Keys.Order());
        foreach (var (assessor, (returned, median)) in expected)
        {
            Assert.True(returned == shown[assessor].Returned, $"Returns of {assessor} differ after: {step}");
            // Counted per hundredth of a day: within half a hundredth of the exact median.
            Assert.True(Math.Abs(median - shown[assessor].Median) <= 0.0051,
                $"Median of {assessor} after {step}: {shown[assessor].Median} shown, {median} from the reviews");
        }
    }

    static Task<int> ReturnedAfterAsync(PortfolioApp app, long item, string interval) =>
        app.ScalarAsync<int>("""
            UPDATE assessment_reviews ar SET returned_at = r.submitted_at + @interval::interval
            FROM evidence_revisions r WHERE r.id = ar.revision_id AND r.item_id = @item RETURNING 1
            """, new { item, interval });

    async Task<long> ReturnedItemAsync(EnrolledCandidate e, string interval)
    {
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "A plan with dates.", "1.1.1");
        await ReturnedAfterAsync(app, item, interval);
        return item;
    }

    [Fact]
    public async Task The_medians_shown_follow_returns_reassignments_version_moves_erasure_and_withdrawn_feedback()
    {
        var e = await app.EnrolledCandidateAsync();
        var second = await QualitySteps.AnotherCandidateAsync(app, e, e.Assessor);
        var third = await QualitySteps.AnotherCandidateAsync(app, e);
        var person = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        var admin = await app.SignedInAsync(person);
        await ReturnedItemAsync(e, "1 day 6 hours");
        var withdrawn = await ReturnedItemAsync(e, "4 days 12 hours");
        await ReturnedItemAsync(second, "2 days");
        await ReturnedItemAsync(third, "7 days 18 hours");
        await ReturnedItemAsync(third, "3 days 2 hours 24 minutes");
        await AssertPageShowsTheReviewsAsync(admin, e.CentreId, "returning feedback");

        await ReturnedAfterAsync(app, withdrawn, "9 days 3 hours");
        await AssertPageShowsTheReviewsAsync(admin, e.CentreId, "changing when feedback was returned");

        await app.ScalarAsync<int>("UPDATE enrolments SET assessor_id = @a WHERE id = @id RETURNING 1",
            new { a = third.Assessor.Id, id = second.EnrolmentId });
        await AssertPageShowsTheReviewsAsync(admin, e.CentreId, "giving a candidate another assessor");

        var v2 = await DemoRubric.ImportAsync(app, e.CentreId, DemoRubric.Reworded);
        Assert.NotNull(await new EnrolmentStore(app.DataSource, new RubricStore(app.DataSource))
            .MoveAsync(e.CentreId, person.Id, e.EnrolmentId, v2.VersionId!.Value));
        await AssertPageShowsTheReviewsAsync(admin, e.CentreId, "moving a candidate to a new rubric version");

        var erase = await Html.GetAsync(admin, $"/Admin/People/Erase?id={third.Candidate.Id}");
        await Html.SubmitAsync(admin, erase.QuerySelector<IHtmlFormElement>("#erase-form")!,
            new() { ["Input.Reason"] = "Their written request", ["Input.OverrideReason"] = "Withdrawn" });
        var cohort = (await Html.GetAsync(admin, "/Admin/Cohort")).QuerySelector("#cohort")!;
        Assert.Contains($"Erased person {third.Candidate.Id}",
            cohort.QuerySelector($"tr[data-enrolment='{third.EnrolmentId}']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(third.Candidate.DisplayName, cohort.TextContent, StringComparison.Ordinal);
        await AssertPageShowsTheReviewsAsync(admin, e.CentreId, "erasing a candidate");

        await app.ScalarAsync<int>("""
            UPDATE assessment_reviews ar SET returned_at = NULL FROM evidence_revisions r
            WHERE r.id = ar.revision_id AND r.item_id = @withdrawn RETURNING 1
            """, new { withdrawn });
        await app.ScalarAsync<int>("UPDATE enrolments SET assessor_id = NULL WHERE id = @id RETURNING 1",
            new { id = e.EnrolmentId });
        await AssertPageShowsTheReviewsAsync(admin, e.CentreId, "withdrawing a return, leaving a candidate unassigned");
    }

    [Fact]
    public async Task A_cohort_narrowed_by_enrolment_dates_shows_the_medians_of_its_own_candidates()
    {
        var e = await app.EnrolledCandidateAsync();
        var later = await QualitySteps.AnotherCandidateAsync(app, e, e.Assessor);
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        await ReturnedItemAsync(e, "1 day");
        await ReturnedItemAsync(later, "5 days");
        await app.ScalarAsync<int>(
            "UPDATE enrolments SET enrolled_at = now() - interval '400 days' WHERE id = @id RETURNING 1",
            new { id = e.EnrolmentId });
        var from = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var whole = Shown(await Html.GetAsync(admin, "/Admin/Cohort"));
        var recent = Shown(await Html.GetAsync(admin, $"/Admin/Cohort?From={from}"));

        Assert.Equal((2, 3.0), whole[e.Assessor.DisplayName]);
        Assert.Equal((1, 5.0), recent[e.Assessor.DisplayName]);
    }
}
