using Microsoft.Playwright;
using Portfolio.Assessment;
using Portfolio.Tests.Pages;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Browser;

/// <summary>The assessor's judgement form in Chromium.</summary>
public sealed class ReviewBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string NotYetText = "Consent is not recorded.";

    [Fact]
    public async Task Switching_a_saved_not_yet_to_met_empties_its_feedback_box_and_switching_back_restores_it()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1");
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
            [new JudgementInput(await app.PointIdAsync(e.VersionId, "1.1.1"), Outcome.NotYet, NotYetText)], [], "", returnToCandidate: false));
        var review = new ReviewPage(await app.SignedInPageAsync(e.Assessor));
        await review.OpenAsync(id);
        await Assertions.Expect(review.FeedbackFor("1.1.1")).ToHaveValueAsync(NotYetText);

        await review.ChooseAsync("1.1.1", "met");
        await Assertions.Expect(review.FeedbackFor("1.1.1")).ToHaveValueAsync("");

        await review.ChooseAsync("1.1.1", "not-yet");
        await Assertions.Expect(review.FeedbackFor("1.1.1")).ToHaveValueAsync(NotYetText);
    }
}
