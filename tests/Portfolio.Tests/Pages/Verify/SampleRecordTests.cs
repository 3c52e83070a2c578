using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Verify;

public sealed class SampleRecordTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<(EnrolledCandidate E, long ItemId, long SampleId)> SampledAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "The client chose to call two employers by Friday.", "1.1.1", "1.1.2");
        var ids = await QualitySteps.SampleAllAsync(app, e);
        return (e, item, Assert.Single(ids));
    }

    static async Task<HttpResponseMessage> RecordAsync(HttpClient iqa, long sampleId, Dictionary<string, object> values)
    {
        var page = await Html.GetAsync(iqa, $"/Verify/SampleRecord?id={sampleId}");
        return await Html.SubmitAsync(iqa, page.QuerySelector<IHtmlFormElement>("#record-form")!, values);
    }

    [Fact]
    public async Task The_sample_still_shows_what_was_sampled_after_the_candidate_revises_and_the_assessor_judges_again()
    {
        var (e, item, sampleId) = await SampledAsync();
        var evidence = new EvidenceStore(app.DataSource);
        Assert.Equal(EvidenceRefusal.None, await evidence.ReviseAsync(e.CentreId, e.Candidate.Id, item));
        var version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @item AND number = 2", new { item });
        Assert.Equal(EvidenceRefusal.None, await evidence.SaveDraftAsync(e.CentreId, e.Candidate.Id, item, "Evidence for testing", new EvidenceContent { Notes = "A rewritten plan." }, version));
        await evidence.UnmapAsync(e.CentreId, e.Candidate.Id, item, await app.ScalarAsync<long>("SELECT id FROM mappings WHERE item_id = @item ORDER BY id LIMIT 1", new { item }));
        version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @item AND number = 2", new { item });
        Assert.Equal(EvidenceRefusal.None, await evidence.SubmitAsync(e.CentreId, e.Candidate.Id, item, version, true, true));
        var point = await app.PointIdAsync(e.VersionId, "1.1.2");
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, item, 0,
            [new JudgementInput(point, Outcome.NotYet, "Now the dates are missing.")], [], "", true));
        var iqa = await app.SignedInAsync(e.Iqa);

        var page = await Html.GetAsync(iqa, $"/Verify/SampleRecord?id={sampleId}");

        Assert.Contains("call two employers by Friday", page.QuerySelector("#snapshot-text")!.TextContent);
        Assert.DoesNotContain("rewritten", page.QuerySelector("#snapshot")!.TextContent);
        Assert.Equal("met", page.QuerySelector("#snapshot #judgements [data-point='1.1.2']")!.GetAttribute("data-outcome"));
        Assert.Equal(2, page.QuerySelectorAll("#snapshot-mappings li").Length);
        Assert.Contains("rewritten", (await Html.GetAsync(iqa, $"/Verify/Evidence?id={item}")).QuerySelector("#evidence-text")!.TextContent);
    }

    [Fact]
    public async Task Disagreeing_with_actions_notifies_the_assessor_who_acknowledges_and_completes_them_and_the_iqa_is_told()
    {
        var (e, _, sampleId) = await SampledAsync();
        var iqa = await app.SignedInAsync(e.Iqa);

        var recorded = await RecordAsync(iqa, sampleId, new()
        {
            ["Input.Outcome"] = "disagree", ["Input.Feedback"] = "1.1.2 needs dated steps.", ["Input.Actions"] = "Re-judge 1.1.2\n\nBrief the candidate on SMART dates",
        });

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("disagree", (await Html.GetAsync(iqa, $"/Verify/SampleRecord?id={sampleId}")).QuerySelector("#outcome-text")!.GetAttribute("data-outcome"));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM audit_events WHERE action = 'qa-sample.recorded' AND subject_id = @sampleId", new { sampleId }));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM notifications WHERE person_id = @id AND link = '/Assess/Samples'", new { id = e.Assessor.Id }));
        var assessor = await app.SignedInAsync(e.Assessor);
        var samples = await Html.GetAsync(assessor, "/Assess/Samples");
        Assert.Equal(2, samples.QuerySelectorAll($"#sample-{sampleId} [data-action]").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(assessor, samples.QuerySelector<IHtmlFormElement>($"#acknowledge-form-{sampleId}")!)).StatusCode);

        samples = await Html.GetAsync(assessor, "/Assess/Samples");
        var action = samples.QuerySelector($"#sample-{sampleId} [data-action]")!.GetAttribute("data-action");
        var empty = await Html.SubmitAsync(assessor, samples.QuerySelector<IHtmlFormElement>($"#complete-form-{action}")!, new() { ["Input.Note"] = " " });
        Assert.Contains("Say what you did", Html.Errors(await Html.ParseAsync(empty)).Single());
        var done = await Html.SubmitAsync(assessor, samples.QuerySelector<IHtmlFormElement>($"#complete-form-{action}")!, new() { ["Input.Note"] = "Re-judged as not yet met." });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.NotNull((await Html.GetAsync(assessor, "/Assess/Samples")).QuerySelector($"#acknowledged-{sampleId}"));
        Assert.Equal("true", (await Html.GetAsync(iqa, $"/Verify/SampleRecord?id={sampleId}")).QuerySelector($"#actions [data-action='{action}']")!.GetAttribute("data-done"));
        Assert.Equal(2, await app.ScalarAsync<int>("SELECT count(*)::int FROM audit_events WHERE action IN ('qa-sample.acknowledged', 'qa-action.completed') AND subject_id = @sampleId", new { sampleId }));
        Assert.Equal(2, await app.ScalarAsync<int>("SELECT count(*)::int FROM notifications WHERE person_id = @id AND link = @link", new { id = e.Iqa.Id, link = $"/Verify/SampleRecord?id={sampleId}" }));
    }

    [Fact]
    public async Task An_outcome_without_a_choice_or_feedback_is_refused_and_nothing_is_recorded()
    {
        var (e, _, sampleId) = await SampledAsync();
        var iqa = await app.SignedInAsync(e.Iqa);

        var response = await RecordAsync(iqa, sampleId, new() { ["Input.Feedback"] = "" });

        Assert.Equal(2, Html.Errors(await Html.ParseAsync(response)).Count);
        Assert.Null(await app.ScalarAsync<string?>("SELECT outcome FROM qa_samples WHERE id = @sampleId", new { sampleId }));
    }

    [Fact]
    public async Task Another_assessor_cannot_acknowledge_or_complete_someone_elses_sample()
    {
        var (e, _, sampleId) = await SampledAsync();
        var iqa = await app.SignedInAsync(e.Iqa);
        await RecordAsync(iqa, sampleId, new() { ["Input.Outcome"] = "agree", ["Input.Feedback"] = "Sound.", ["Input.Actions"] = "Keep it up" });
        var other = await app.PersonAsync(e.CentreId, Portfolio.People.Role.Assessor);
        var stranger = await app.SignedInAsync(other);
        var actionId = await app.ScalarAsync<long>("SELECT id FROM qa_sample_actions WHERE sample_id = @sampleId", new { sampleId });

        var page = await Html.GetAsync(stranger, "/Assess/Samples");

        Assert.NotNull(page.QuerySelector("#no-samples"));
        var store = QualitySteps.Store(app);
        Assert.Equal(Portfolio.Quality.QualityRefusal.NotFound, await store.AcknowledgeAsync(e.CentreId, other.Id, sampleId));
        Assert.Equal(Portfolio.Quality.QualityRefusal.NotFound, await store.CompleteActionAsync(e.CentreId, other.Id, actionId, "Not mine"));
        Assert.Null(await app.ScalarAsync<DateTime?>("SELECT acknowledged_at FROM qa_samples WHERE id = @sampleId", new { sampleId }));
    }
}
