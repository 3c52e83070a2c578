using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Suggestions;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>Arrange and act steps for suggestions: items worded for a point, and the worker's runs on demand.</summary>
public static class SuggestionSteps
{
    /// <summary>An action plan whose words show 1.1.9 (a review date and method, and the client's consent to share).</summary>
    public static readonly EvidenceContent ReviewAndConsent = new()
    {
        ClientSituation = "Lucy is looking for office work after a career break.",
        ReviewMethod = "We will meet again on 20 May at the job centre to go over her progress, and I will phone her "
            + "on 6 May to check in. Lucy agreed that this plan can be stored on our case management system and "
            + "shared with her work coach.",
    };

    /// <summary>Works out every waiting run with the site's own worker code, as the background worker would.</summary>
    public static async Task<int> RunSuggestionsAsync(PortfolioApp app)
    {
        var runs = app.Factory.Services.GetRequiredService<SuggestionRuns>();
        var done = 0;
        while (await runs.RunNextAsync(CancellationToken.None))
        {
            done++;
        }
        return done;
    }

    public static async Task<(EnrolledCandidate E, long Id, HttpClient Client)> SuggestedItemAsync(PortfolioApp app,
        EvidenceContent? content = null, EvidenceKind kind = EvidenceKind.ActionPlan)
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, kind, content: content ?? ReviewAndConsent);
        await RunSuggestionsAsync(app);
        return (e, id, await app.SignedInAsync(e.Candidate));
    }

    /// <summary>
    /// An action plan that shows more than its candidate claimed (1.1.8 only), submitted, with its suggestions worked
    /// out: what an assessor reviews with suggestions of points the candidate did not claim.
    /// </summary>
    public static async Task<(EnrolledCandidate E, long Id)> SubmittedWithUnclaimedAsync(PortfolioApp app)
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: ReviewAndConsent);
        var store = new EvidenceStore(app.DataSource);
        await store.MapAsync(e.CentreId, e.Candidate.Id, id, await app.PointIdAsync(e.VersionId, "1.1.8"), "Her situation",
            null);
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true);
        await RunSuggestionsAsync(app);
        return (e, id);
    }

    public static IElement? Suggestion(IDocument page, string code) => page.QuerySelector($"#suggestions [data-point='{code}']");
}
