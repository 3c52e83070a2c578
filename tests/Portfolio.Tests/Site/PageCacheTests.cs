using System.Net;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Site;

/// <summary>What one person's pages keep in memory is never shown to another, and a change shows on the next request.</summary>
public sealed class PageCacheTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task A_page_kept_for_one_person_is_never_served_to_another()
    {
        var first = await app.EnrolledCandidateAsync();
        var second = await QualitySteps.AnotherCandidateAsync(app, first);
        var firstItem = await EvidenceTestSteps.ItemAsync(app, first, EvidenceKind.ActionPlan);
        await app.ScalarAsync<int>("UPDATE evidence_items SET title = 'First candidate''s plan' WHERE id = @firstItem RETURNING 1", new { firstItem });
        var firstCandidate = await app.SignedInAsync(first.Candidate);
        var secondCandidate = await app.SignedInAsync(second.Candidate);
        var firstAssessor = await app.SignedInAsync(first.Assessor);
        var secondAssessor = await app.SignedInAsync(second.Assessor);

        // Each page read twice by its owner, so it is kept, then asked for by someone else.
        for (var i = 0; i < 2; i++)
        {
            Assert.Contains("First candidate's plan", (await Html.GetAsync(firstCandidate, "/Portfolio")).QuerySelector("#evidence-list")!.TextContent);
            await Html.GetAsync(firstCandidate, $"/Portfolio/Evidence/View?id={firstItem}");
            await Html.GetAsync(firstAssessor, $"/Assess/Matrix?enrolmentId={first.EnrolmentId}");
            await Html.GetAsync(firstAssessor, "/Assess");
        }

        Assert.NotNull((await Html.GetAsync(secondCandidate, "/Portfolio")).QuerySelector("#no-evidence"));
        Assert.Equal(HttpStatusCode.NotFound, (await secondCandidate.GetAsync($"/Portfolio/Evidence/View?id={firstItem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secondAssessor.GetAsync($"/Assess/Matrix?enrolmentId={first.EnrolmentId}")).StatusCode);
        var secondCaseload = await Html.GetAsync(secondAssessor, "/Assess");
        Assert.Null(secondCaseload.QuerySelector($"#caseload tr[data-enrolment='{first.EnrolmentId}']"));
        Assert.NotNull(secondCaseload.QuerySelector($"#caseload tr[data-enrolment='{second.EnrolmentId}']"));
    }

    [Fact]
    public async Task Giving_a_candidate_to_another_assessor_moves_them_between_the_kept_caseloads_at_once()
    {
        var e = await app.EnrolledCandidateAsync();
        var other = await QualitySteps.AnotherCandidateAsync(app, e);
        var first = await app.SignedInAsync(e.Assessor);
        var second = await app.SignedInAsync(other.Assessor);
        await Html.GetAsync(first, $"/Assess/Matrix?enrolmentId={e.EnrolmentId}");
        Assert.NotNull((await Html.GetAsync(first, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));
        Assert.Null((await Html.GetAsync(second, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));

        await app.ScalarAsync<int>("UPDATE enrolments SET assessor_id = @to WHERE id = @id RETURNING 1", new { to = other.Assessor.Id, id = e.EnrolmentId });

        Assert.Null((await Html.GetAsync(first, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/Assess/Matrix?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.NotNull((await Html.GetAsync(second, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/Assess/Matrix?enrolmentId={e.EnrolmentId}")).StatusCode);
    }
}
