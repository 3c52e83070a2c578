using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Assess;

public sealed partial class ReviewTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>An item claiming 1.1.1 and 1.1.2, submitted by the candidate.</summary>
    async Task<(EnrolledCandidate E, long Id)> SubmittedAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1", "1.1.2");
        return (e, id);
    }

    static async Task<HttpResponseMessage> JudgeAsync(HttpClient client, long id, Dictionary<string, object> values, string button = "#save-judgements")
    {
        var page = await Html.GetAsync(client, $"/Assess/Review?id={id}");
        return await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#judgement-form")!, values, button);
    }

    [Fact]
    public async Task Judging_and_returning_records_each_point_and_the_candidate_sees_it_with_a_notification()
    {
        var (e, id) = await SubmittedAsync();
        var assessor = await app.SignedInAsync(e.Assessor);

        var response = await JudgeAsync(assessor, id, new()
        {
            ["Input.Judgements[0].Outcome"] = "met", ["Input.Judgements[0].Feedback"] = "Clear evidence of client-led choice.",
            ["Input.Judgements[1].Outcome"] = "not-yet", ["Input.Judgements[1].Feedback"] = "Show the steps with dates.",
            ["Input.Overall"] = "A good start.",
        }, "#return-to-candidate");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var candidate = await app.SignedInAsync(e.Candidate);
        var view = await Html.GetAsync(candidate, $"/Portfolio/Evidence/View?id={id}");
        Assert.Equal("met", view.QuerySelector("#judgements [data-point='1.1.1']")!.GetAttribute("data-outcome"));
        Assert.Contains("Not yet met", view.QuerySelector("#judgements [data-point='1.1.2']")!.TextContent);
        Assert.DoesNotContain("fail", view.QuerySelector("#judgements")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("1", (await Html.GetAsync(candidate, "/Portfolio")).QuerySelector("#unread-count")!.FirstChild!.TextContent);
        Assert.Equal(2, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'judgement.recorded' AND subject_id = @id", new { id }));
    }

    [Fact]
    public async Task Judgements_saved_but_not_yet_returned_stay_hidden_from_the_candidate()
    {
        var (e, id) = await SubmittedAsync();
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
            [new JudgementInput(point, Outcome.Met, "Clear evidence of client-led choice.")], [], "", returnToCandidate: false));

        var view = await Html.GetAsync(await app.SignedInAsync(e.Candidate), $"/Portfolio/Evidence/View?id={id}");

        Assert.Null(view.QuerySelector("#judgements"));
        Assert.Null(view.QuerySelector("#respond-form"));
    }

    [Fact]
    public async Task Submitted_evidence_waits_in_the_assessors_queue_and_notifies_them()
    {
        var (e, id) = await SubmittedAsync();
        var assessor = await app.SignedInAsync(e.Assessor);

        var home = await Html.GetAsync(assessor, "/Assess");

        Assert.NotNull(home.QuerySelector($"#queue tr[data-item='{id}']"));
        Assert.NotNull(home.QuerySelector("#unread-count"));
        Assert.Contains("0 met, 2 claimed", home.QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']")!.TextContent);
    }

    [Fact]
    public async Task Judging_a_point_not_in_the_rubric_shows_an_error_and_saves_nothing()
    {
        var (e, id) = await SubmittedAsync();
        var otherCentre = await app.CentreAsync("Elsewhere");
        var foreign = await app.PointIdAsync(await app.ShippedRubricAsync(otherCentre), "1.1.1");
        var assessor = await app.SignedInAsync(e.Assessor);

        var response = await JudgeAsync(assessor, id, new()
        {
            ["Input.Judgements[0].PointId"] = foreign.ToString(CultureInfo.InvariantCulture), ["Input.Judgements[0].Outcome"] = "met",
        });

        Assert.Contains("not in this candidate's qualification", Html.Errors(await Html.ParseAsync(response)).Single());
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM judgements WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task Not_yet_met_without_feedback_is_refused()
    {
        var (e, id) = await SubmittedAsync();
        var assessor = await app.SignedInAsync(e.Assessor);

        var response = await JudgeAsync(assessor, id, new() { ["Input.Judgements[0].Outcome"] = "not-yet", ["Input.Judgements[0].Feedback"] = "" });

        Assert.Contains("Say what is still needed", Html.Errors(await Html.ParseAsync(response)).Single());
    }

    [Fact]
    public async Task Another_assessors_candidate_is_not_found()
    {
        var (e, id) = await SubmittedAsync();
        var stranger = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.Assessor));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Assess/Review?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Assess/Candidate?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Assess/Audit?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.Equal(AssessmentRefusal.NotFound, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, (await app.PersonAsync(e.CentreId, Role.Assessor)).Id, id, 0, [], [], "", false));
    }

    [Fact]
    public async Task A_stale_save_from_a_second_tab_is_refused_and_shows_what_was_saved_meanwhile()
    {
        var (e, id) = await SubmittedAsync();
        var assessor = await app.SignedInAsync(e.Assessor);
        var firstTab = await Html.GetAsync(assessor, $"/Assess/Review?id={id}");
        var secondTab = await Html.GetAsync(assessor, $"/Assess/Review?id={id}");
        await Html.SubmitAsync(assessor, firstTab.QuerySelector<IHtmlFormElement>("#judgement-form")!,
            new() { ["Input.Judgements[0].Outcome"] = "met", ["Input.Judgements[0].Feedback"] = "Saved first." }, "#save-judgements");

        var response = await Html.SubmitAsync(assessor, secondTab.QuerySelector<IHtmlFormElement>("#judgement-form")!,
            new() { ["Input.Judgements[0].Outcome"] = "not-yet", ["Input.Judgements[0].Feedback"] = "Saved second." }, "#save-judgements");

        var page = await Html.ParseAsync(response);
        Assert.Contains("Someone else saved judgements", Html.Errors(page).Single());
        Assert.Contains("Saved first.", page.QuerySelector("#saved-meanwhile")!.TextContent);
        Assert.Equal("Saved second.", page.QuerySelector("#Input_Judgements_0__Feedback")!.TextContent);
        Assert.Equal("met", await app.ScalarAsync<string>("SELECT outcome FROM judgements WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task Saves_racing_from_the_same_form_version_one_wins_and_the_rest_are_refused_as_stale()
    {
        var (e, id) = await SubmittedAsync();
        var store = new AssessmentStore(app.DataSource);
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            store.JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, [new JudgementInput(point, i % 2 == 0 ? Outcome.Met : Outcome.NotYet, $"attempt {i}")], [], "", false))));

        Assert.Equal(1, results.Count(r => r == AssessmentRefusal.None));
        Assert.All(results.Where(r => r != AssessmentRefusal.None), r => Assert.Equal(AssessmentRefusal.Stale, r));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM judgements WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task The_assessor_can_add_a_point_the_candidate_missed_and_reject_a_claim()
    {
        var (e, id) = await SubmittedAsync();
        var assessor = await app.SignedInAsync(e.Assessor);
        var missed = await app.PointIdAsync(e.VersionId, "1.1.5");

        await JudgeAsync(assessor, id, new()
        {
            ["Input.Judgements[0].Outcome"] = "rejected", ["Input.Judgements[0].Feedback"] = "This account does not show this point.",
            ["Input.AddedPointId"] = missed.ToString(CultureInfo.InvariantCulture), ["Input.AddedOutcome"] = "met", ["Input.AddedFeedback"] = "Resources are well covered.",
        });

        Assert.True(await app.ScalarAsync<bool>("SELECT added_by_assessor FROM mappings WHERE item_id = @id AND marking_point_id = @missed", new { id, missed }));
        Assert.Equal("rejected", await app.ScalarAsync<string>("SELECT j.outcome FROM judgements j JOIN marking_points mp ON mp.id = j.marking_point_id WHERE j.item_id = @id AND mp.code = '1.1.1'", new { id }));
        var review = await Html.GetAsync(assessor, $"/Assess/Review?id={id}");
        Assert.NotNull(review.QuerySelector("fieldset[data-point='1.1.5']"));
    }

    [Fact]
    public async Task The_assessor_reads_the_submitted_markdown_rendered()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await SubmittedMarkdownAsync(e);
        var assessor = await app.SignedInAsync(e.Assessor);

        var page = await Html.GetAsync(assessor, $"/Assess/Review?id={id}");

        RenderedMarkdown.AssertRendered(page.QuerySelector("#evidence-text"));
    }

    async Task<long> SubmittedMarkdownAsync(EnrolledCandidate e)
    {
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = RenderedMarkdown.Notes });
        var store = new EvidenceStore(app.DataSource);
        Assert.Equal(EvidenceRefusal.None, await store.MapAsync(e.CentreId, e.Candidate.Id, id, await app.PointIdAsync(e.VersionId, "1.1.1"), "Shown", null));
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true));
        return id;
    }

    [Fact]
    public async Task A_progress_review_shows_the_plan_it_reviews_and_the_plan_links_back()
    {
        var e = await app.EnrolledCandidateAsync();
        var (plan, review) = await Portfolio.Tests.Pages.Verify.QualitySteps.PlanAndReviewAsync(app, e);
        var assessor = await app.SignedInAsync(e.Assessor);

        var reviewPage = await Html.GetAsync(assessor, $"/Assess/Review?id={review}");
        var planPage = await Html.GetAsync(assessor, $"/Assess/Review?id={plan}");

        ReviewedPlanChecks.AssertPlanBesideReview(reviewPage, "/Assess/Review?id=", plan);
        ReviewedPlanChecks.AssertPlanLinksBack(planPage, "/Assess/Review?id=", review);
    }

    [Fact]
    public async Task A_review_of_a_plan_still_in_draft_says_the_plan_is_not_available_and_links_nowhere()
    {
        var e = await app.EnrolledCandidateAsync();
        var plan = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: new EvidenceContent
        {
            Steps = [new PlanStepInput { Action = "Phone the college", Who = "Client" }],
        });
        var review = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ProgressReview,
            content: new EvidenceContent { ReviewedItemId = plan, Achievements = "Called the college." });
        var store = new EvidenceStore(app.DataSource);
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, review, await EvidenceTestSteps.RowVersionAsync(app, review), true, true));
        var assessor = await app.SignedInAsync(e.Assessor);

        var page = await Html.GetAsync(assessor, $"/Assess/Review?id={review}");

        Assert.NotNull(page.QuerySelector("#reviewed-plan-withheld"));
        Assert.Null(page.QuerySelector("#reviewed-plan"));
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/Assess/Review?id={plan}");
    }
}
