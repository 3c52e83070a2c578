using System.Net;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.Assess;

public sealed class CaseloadTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task SubmitAsync(TestDatabase db, EnrolledCandidate e, long itemId)
    {
        Assert.Equal(EvidenceRefusal.None, await new EvidenceStore(db.DataSource).SubmitAsync(e.CentreId, e.Candidate.Id, itemId, await EvidenceTestSteps.RowVersionAsync(db, itemId), true, true));
    }

    [Fact]
    public async Task A_long_queue_is_shown_fifty_at_a_time_oldest_first()
    {
        var e = await app.EnrolledCandidateAsync();
        var items = new List<long>();
        for (var i = 0; i < 55; i++)
        {
            var id = await EvidenceTestSteps.ItemAsync(app, e);
            await SubmitAsync(app, e, id);
            items.Add(id);
        }
        var assessor = await app.SignedInAsync(e.Assessor);

        var first = await Html.GetAsync(assessor, "/Assess");
        var second = await Html.GetAsync(assessor, "/Assess?queuePage=2");

        Assert.Contains("(55)", first.QuerySelector("h2")!.TextContent);
        Assert.Equal(items.Take(50).Select(i => i.ToString()), first.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-item")!));
        Assert.Contains("Showing 1 to 50 of 55", first.QuerySelector("#queue-range")!.TextContent);
        Assert.Null(first.QuerySelector("#queue-previous"));
        Assert.Equal("/Assess?queuePage=2", first.QuerySelector("#queue-next")!.GetAttribute("href"));
        Assert.Equal(items.Skip(50).Select(i => i.ToString()), second.QuerySelectorAll("#queue tbody tr").Select(r => r.GetAttribute("data-item")!));
        Assert.Contains("Showing 51 to 55 of 55", second.QuerySelector("#queue-range")!.TextContent);
        Assert.Null(second.QuerySelector("#queue-next"));
        Assert.Contains("55", second.QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']")!.TextContent);

        var beyond = await assessor.GetAsync("/Assess?queuePage=9");
        Assert.Equal(HttpStatusCode.Redirect, beyond.StatusCode);
        Assert.Equal("/Assess?queuePage=2", beyond.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_median_days_to_feedback_is_per_candidate_and_across_the_caseload()
    {
        var e = await app.EnrolledCandidateAsync();
        var other = await QualitySteps.AnotherCandidateAsync(app, e, e.Assessor);
        var stranger = await QualitySteps.AnotherCandidateAsync(app, e);
        async Task ReturnedAfterAsync(EnrolledCandidate who, string days)
        {
            var id = await QualitySteps.ReturnedAsync(app, who, EvidenceKind.ActionPlan, "A plan agreed with the client.", "1.1.1");
            await app.ScalarAsync<int>($"UPDATE assessment_reviews ar SET returned_at = r.submitted_at + interval '{days} days' FROM evidence_revisions r WHERE r.id = ar.revision_id AND r.item_id = @id RETURNING 1", new { id });
        }
        await ReturnedAfterAsync(e, "2");
        await ReturnedAfterAsync(e, "4");
        await ReturnedAfterAsync(other, "9");
        await ReturnedAfterAsync(stranger, "30");
        var assessor = await app.SignedInAsync(e.Assessor);

        var page = await Html.GetAsync(assessor, "/Assess");

        Assert.Contains("3 days", page.QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']")!.TextContent);
        Assert.Contains("9 days", page.QuerySelector($"#caseload tr[data-enrolment='{other.EnrolmentId}']")!.TextContent);
        Assert.Null(page.QuerySelector($"#caseload tr[data-enrolment='{stranger.EnrolmentId}']"));
        Assert.Contains("across your candidates: 4 days", page.QuerySelector("#overall-median")!.TextContent);
        Assert.Contains("1 met, 1 claimed, of 17", page.QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']")!.TextContent);
    }

    [Fact]
    public async Task Many_candidates_are_shown_fifty_at_a_time_found_by_name_and_sorted_by_what_waits()
    {
        var e = await app.EnrolledCandidateAsync();
        await QualitySteps.TraineesAsync(app, e, 52);
        for (var i = 0; i < 2; i++)
        {
            await SubmitAsync(app, e, await EvidenceTestSteps.ItemAsync(app, e));
        }
        var assessor = await app.SignedInAsync(e.Assessor);

        var first = await Html.GetAsync(assessor, "/Assess");
        var second = await Html.GetAsync(assessor, first.QuerySelector("#next-page")!.GetAttribute("href")!);
        var found = await Html.GetAsync(assessor, "/Assess?Name=trainee+0");
        var byWaiting = await Html.GetAsync(assessor, first.QuerySelector("#sort-waiting")!.GetAttribute("href")!);
        var nobody = await Html.GetAsync(assessor, "/Assess?Name=nobody+by+this+name");

        Assert.Contains("53 candidates, 1 to 50 shown", first.QuerySelector("#candidates-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, first.QuerySelectorAll("#caseload tbody tr").Length);
        Assert.Equal(3, second.QuerySelectorAll("#caseload tbody tr").Length);
        Assert.Empty(first.QuerySelectorAll("#caseload tbody tr").Select(r => r.GetAttribute("data-enrolment"))
            .Intersect(second.QuerySelectorAll("#caseload tbody tr").Select(r => r.GetAttribute("data-enrolment"))));
        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"Trainee 0{n}"),
            found.QuerySelectorAll("#caseload tbody tr td:first-child a").Select(a => a.TextContent));
        Assert.Contains("(2)", found.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(e.EnrolmentId.ToString(), byWaiting.QuerySelector("#caseload tbody tr")!.GetAttribute("data-enrolment"));
        Assert.Equal("descending", byWaiting.QuerySelector("#sort-waiting")!.ParentElement!.GetAttribute("aria-sort"));
        Assert.NotNull(nobody.QuerySelector("#no-candidates"));
    }
}
