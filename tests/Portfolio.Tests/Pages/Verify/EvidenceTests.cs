using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Verify;

public sealed class EvidenceTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_internal_quality_assurer_reads_evidence_and_feedback_markdown_rendered()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, RenderedMarkdown.Notes, "1.1.1");
        var ids = await QualitySteps.SampleAllAsync(app, e);
        var iqa = await app.SignedInAsync(e.Iqa);

        var evidence = await Html.GetAsync(iqa, $"/Verify/Evidence?id={item}");
        var sample = await Html.GetAsync(iqa, $"/Verify/SampleRecord?id={ids[0]}");

        RenderedMarkdown.AssertRendered(evidence.QuerySelector("#evidence-text"));
        RenderedMarkdown.AssertRendered(sample.QuerySelector("#snapshot-text"));
    }

    [Fact]
    public async Task A_progress_review_shows_the_plan_it_reviews_and_the_plan_links_back()
    {
        var e = await app.EnrolledCandidateAsync();
        var (plan, review) = await QualitySteps.PlanAndReviewAsync(app, e);
        var iqa = await app.SignedInAsync(e.Iqa);

        var reviewPage = await Html.GetAsync(iqa, $"/Verify/Evidence?id={review}");
        var planPage = await Html.GetAsync(iqa, $"/Verify/Evidence?id={plan}");

        ReviewedPlanChecks.AssertPlanBesideReview(reviewPage, "/Verify/Evidence?id=", plan);
        ReviewedPlanChecks.AssertPlanLinksBack(planPage, "/Verify/Evidence?id=", review);
    }
}
