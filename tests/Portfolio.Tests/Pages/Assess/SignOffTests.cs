using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Assess;

public sealed partial class SignOffTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>Element 2.1 (four points) claimed by one submitted item and judged: met for the given points, not yet for the rest.</summary>
    async Task<(EnrolledCandidate E, long Id, long ElementId)> JudgedAsync(params string[] met)
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.DevelopmentPlan, content: new EvidenceContent { SelfAssessment = "Strong listening, weaker on labour market information." });
        var store = new EvidenceStore(app.DataSource);
        var codes = new[] { "2.1.1", "2.1.2", "2.1.3", "2.1.4" };
        foreach (var code in codes)
        {
            await store.MapAsync(e.CentreId, e.Candidate.Id, id, await app.PointIdAsync(e.VersionId, code), "", null);
        }
        var version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id", new { id });
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, false);
        var judgements = new List<JudgementInput>();
        foreach (var code in codes)
        {
            judgements.Add(new JudgementInput(await app.PointIdAsync(e.VersionId, code), met.Contains(code) ? Outcome.Met : Outcome.NotYet, "Feedback"));
        }
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, judgements, [], "", true));
        var element = await app.ScalarAsync<long>("SELECT id FROM rubric_elements WHERE rubric_version_id = @v AND code = '2.1'", new { v = e.VersionId });
        return (e, id, element);
    }

    [Fact]
    public async Task An_element_with_a_point_not_yet_met_cannot_be_signed_off()
    {
        var (e, _, element) = await JudgedAsync("2.1.1", "2.1.2", "2.1.3");
        var assessor = await app.SignedInAsync(e.Assessor);

        var page = await Html.GetAsync(assessor, $"/Assess/Candidate?enrolmentId={e.EnrolmentId}");

        Assert.Null(page.QuerySelector("#sign-off-button-2\\.1"));
        Assert.Contains("3 of 4", page.QuerySelector("#elements tr[data-element='2.1']")!.TextContent);
        Assert.Equal(AssessmentRefusal.NotAllMet, await new AssessmentStore(app.DataSource).SignOffAsync(e.CentreId, e.Assessor.Id, e.EnrolmentId, element));
    }

    [Fact]
    public async Task Signing_off_locks_the_judgements_the_candidate_confirms_and_reopening_needs_a_reason()
    {
        var (e, id, _) = await JudgedAsync("2.1.1", "2.1.2", "2.1.3", "2.1.4");
        var assessor = await app.SignedInAsync(e.Assessor);
        var page = await Html.GetAsync(assessor, $"/Assess/Candidate?enrolmentId={e.EnrolmentId}");

        var signed = await Html.SubmitAsync(assessor, page.QuerySelector<IHtmlFormElement>("#sign-off-2\\.1")!);

        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var store = new EvidenceStore(app.DataSource);
        var candidate = await app.SignedInAsync(e.Candidate);
        var dashboard = await Html.GetAsync(candidate, "/Portfolio");
        await Html.SubmitAsync(candidate, dashboard.QuerySelector<IHtmlFormElement>("#confirm-2\\.1")!);
        Assert.NotNull(await app.ScalarAsync<DateTime?>("SELECT candidate_confirmed_at FROM element_signoffs WHERE enrolment_id = @id", new { id = e.EnrolmentId }));
        // A later revision's judgement on a signed-off element is refused.
        await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, [], [], "", true);
        await store.ReviseAsync(e.CentreId, e.Candidate.Id, id);
        var version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id ORDER BY number DESC LIMIT 1", new { id });
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, false);
        var locked = await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
            [new JudgementInput(await app.PointIdAsync(e.VersionId, "2.1.1"), Outcome.NotYet, "Changed my mind")], [], "", false);
        Assert.Equal(AssessmentRefusal.SignedOff, locked);

        var candidatePage = await Html.GetAsync(assessor, $"/Assess/Candidate?enrolmentId={e.EnrolmentId}");
        var noReason = await Html.SubmitAsync(assessor, candidatePage.QuerySelector<IHtmlFormElement>("#reopen-2\\.1")!, new() { ["Reason"] = "" });
        Assert.Contains("Give the reason for reopening this element", Html.Errors(await Html.ParseAsync(noReason)));
        await Html.SubmitAsync(assessor, candidatePage.QuerySelector<IHtmlFormElement>("#reopen-2\\.1")!, new() { ["Reason"] = "IQA asked for a second look at 2.1.1" });
        Assert.Equal("IQA asked for a second look at 2.1.1", await app.ScalarAsync<string>("SELECT reopen_reason FROM element_signoffs WHERE enrolment_id = @id", new { id = e.EnrolmentId }));
        var audit = await Html.GetAsync(assessor, $"/Assess/Audit?enrolmentId={e.EnrolmentId}");
        var actions = audit.QuerySelectorAll("#audit tr[data-action]").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains("element.signed-off", actions);
        Assert.Contains("element.reopened", actions);
        Assert.Contains("element.confirmed-by-candidate", actions);
        Assert.Contains("judgement.recorded", actions);
    }
}
