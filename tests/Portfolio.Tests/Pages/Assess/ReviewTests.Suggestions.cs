using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Assess;

/// <summary>Points the evidence may show that the candidate did not claim, added through the missed-point form.</summary>
public sealed partial class ReviewTests
{
    [Fact]
    public async Task A_suggested_point_the_candidate_did_not_claim_is_added_through_the_missed_point_form_and_shows_it_began_as_one()
    {
        var (e, id) = await SuggestionSteps.SubmittedWithUnclaimedAsync(app);
        var assessor = await app.SignedInAsync(e.Assessor);

        var review = await Html.GetAsync(assessor, $"/Assess/Review?id={id}");
        Assert.Null(SuggestionSteps.Suggestion(review, "1.1.8"));
        var link = review.QuerySelector<IHtmlAnchorElement>("#add-suggested-1\\.1\\.9")!;
        var form = (await Html.GetAsync(assessor, link.PathName + link.Search)).QuerySelector<IHtmlFormElement>("#judgement-form")!;
        var response = await Html.SubmitAsync(assessor, form, new()
        {
            ["Input.Judgements[0].Outcome"] = "met", ["Input.AddedOutcome"] = "met", ["Input.AddedFeedback"] = "Review date and consent are clear.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await Html.GetAsync(assessor, $"/Assess/Review?id={id}");
        Assert.NotNull(after.QuerySelector("#began-1\\.1\\.9"));
        Assert.Null(after.QuerySelector("#began-1\\.1\\.8"));
        var iqa = await app.SignedInAsync(e.Iqa);
        Assert.Contains("1.1.9", (await Html.GetAsync(iqa, $"/Verify/Evidence?id={id}")).QuerySelector("#began-as-suggestions + ul")!.TextContent);
        var log = await Html.GetAsync(iqa, "/Verify/Suggestions?event=added-by-assessor");
        Assert.Contains("1.1.9", log.QuerySelector("#suggestion-log tr[data-event='added-by-assessor']")!.TextContent);
    }
}
