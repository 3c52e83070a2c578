using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Assess;

/// <summary>Feedback written for one judgement never reappears as the feedback of another.</summary>
public sealed partial class ReviewTests
{
    const string NotYetText = "Consent is not recorded.";

    /// <summary>1.1.1 judged not yet with <see cref="NotYetText"/> and returned; the candidate revised and resubmitted.</summary>
    async Task<(EnrolledCandidate E, long Id)> ResubmittedAfterNotYetAsync()
    {
        var (e, id) = await SubmittedAsync();
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
            [new JudgementInput(point, Outcome.NotYet, NotYetText)], [], "", returnToCandidate: true));
        var store = new EvidenceStore(app.DataSource);
        Assert.Equal(EvidenceRefusal.None, await store.ReviseAsync(e.CentreId, e.Candidate.Id, id));
        var version = await EvidenceTestSteps.RowVersionAsync(app, id);
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, true));
        return (e, id);
    }

    [Fact]
    public async Task After_a_resubmission_the_feedback_box_starts_empty_and_the_not_yet_feedback_is_shown_as_earlier_feedback()
    {
        var (e, id) = await ResubmittedAfterNotYetAsync();

        var page = await Html.GetAsync(await app.SignedInAsync(e.Assessor), $"/Assess/Review?id={id}");

        Assert.Equal("", page.QuerySelector("#Input_Judgements_0__Feedback")!.TextContent);
        Assert.Null(page.QuerySelector<IHtmlInputElement>("[id='judge-1.1.1-not-yet']")!.GetAttribute("checked"));
        Assert.Contains(NotYetText, page.QuerySelector("fieldset[data-point='1.1.1'] .app-earlier-feedback")!.TextContent);
    }

    [Fact]
    public async Task Met_on_a_resubmission_is_saved_with_no_trace_of_the_not_yet_feedback()
    {
        var (e, id) = await ResubmittedAfterNotYetAsync();

        var response = await JudgeAsync(await app.SignedInAsync(e.Assessor), id, new() { ["Input.Judgements[0].Outcome"] = "met" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("", await app.ScalarAsync<string>(
            "SELECT j.feedback FROM judgements j JOIN evidence_revisions r ON r.id = j.revision_id WHERE j.item_id = @id AND r.number = 2", new { id }));
    }

    [Fact]
    public async Task Switching_a_saved_not_yet_to_met_with_its_text_unchanged_is_refused_and_saves_nothing()
    {
        var (e, id) = await SubmittedAsync();
        var assessor = await app.SignedInAsync(e.Assessor);
        await JudgeAsync(assessor, id, new() { ["Input.Judgements[0].Outcome"] = "not-yet", ["Input.Judgements[0].Feedback"] = NotYetText });

        var page = await Html.ParseAsync(await JudgeAsync(assessor, id, new() { ["Input.Judgements[0].Outcome"] = "met" }));

        Assert.Contains("written for \"not yet met\"", Html.Errors(page).Single());
        Assert.Equal("not-yet", await app.ScalarAsync<string>(
            "SELECT j.outcome FROM judgements j JOIN marking_points mp ON mp.id = j.marking_point_id WHERE j.item_id = @id AND mp.code = '1.1.1'", new { id }));
    }
}
