using Microsoft.Playwright;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Browser;

/// <summary>Marking-point suggestions in Chromium: the candidate claims and dismisses, the assessor adds one.</summary>
public sealed class SuggestionBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_candidate_sees_suggestions_once_ready_claims_one_on_its_passage_and_dismisses_another()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan,
            content: SuggestionSteps.ReviewAndConsent);
        var page = await app.SignedInPageAsync(e.Candidate);
        var view = new ViewEvidencePage(page);
        var panel = new SuggestionsPanel(page);
        await view.OpenAsync(id);
        await Assertions.Expect(panel.Status).ToContainTextAsync("being prepared");

        await SuggestionSteps.RunSuggestionsAsync(app);
        await view.OpenAsync(id);
        var quote = await panel.QuoteFor("1.1.9").TextContentAsync();
        Assert.Contains(quote!, SuggestionSteps.ReviewAndConsent.ReviewMethod);
        await BrowserApp.AssertAccessibleAsync(page);
        await panel.AcceptAsync("1.1.9");

        await Assertions.Expect(panel.For("1.1.9")).ToHaveCountAsync(0);
        await Assertions.Expect(view.Highlights).ToHaveTextAsync([quote!]);
        await Assertions.Expect(page.Locator("#mappings tr[data-point='1.1.9']"))
            .ToContainTextAsync("Began as a suggestion");
        var other = await panel.All.First.GetAttributeAsync("data-point");
        await panel.DismissAsync(other!);
        await Assertions.Expect(panel.For(other!)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"#mappings tr[data-point='{other}']")).ToHaveCountAsync(0);
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_assessor_adds_a_suggested_point_the_candidate_did_not_claim_and_it_shows_it_began_as_one()
    {
        var (e, id) = await SuggestionSteps.SubmittedWithUnclaimedAsync(app);
        var page = await app.SignedInPageAsync(e.Assessor);
        var review = new ReviewPage(page);
        var panel = new SuggestionsPanel(page);
        await review.OpenAsync(id);
        await Assertions.Expect(panel.For("1.1.8")).ToHaveCountAsync(0);
        await Assertions.Expect(panel.QuoteFor("1.1.9")).ToBeVisibleAsync();
        await BrowserApp.AssertAccessibleAsync(page);

        await panel.AddAsync("1.1.9");
        await Assertions.Expect(page.Locator("#added-from-suggestion")).ToBeVisibleAsync();
        await review.ChooseAsync("1.1.8", "met");
        await page.CheckAsync("#added-met");
        await page.FillAsync("#Input_AddedFeedback", "The review date and her consent to share are both recorded.");
        await page.ClickAsync("#save-judgements");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Assertions.Expect(page.Locator("[id='began-1.1.9']")).ToContainTextAsync("Began as a");
        await Assertions.Expect(review.JudgementFor("1.1.9")).ToBeVisibleAsync();
        await Assertions.Expect(panel.For("1.1.9")).ToHaveCountAsync(0);
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
