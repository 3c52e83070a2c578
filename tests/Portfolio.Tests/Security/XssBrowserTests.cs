using System.Text;
using Microsoft.Playwright;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Security;

/// <summary>
/// The whole XSS corpus in every text field a person can fill (evidence, annotation, claim, feedback, answer, file
/// name), rendered in Chromium on every page that shows it, as candidate, assessor and IQA: nothing runs.
/// </summary>
public sealed class XssBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Title = "<img src=x onerror=alert(1)><script>window.__xss=1</script>[x](javascript:alert(1))";

    [Fact]
    public async Task No_payload_in_any_field_executes_on_any_page()
    {
        var e = await app.EnrolledCandidateAsync();
        var all = XssCorpus.All;
        var content = new EvidenceContent
        {
            ClientSituation = all, ClientGoals = all, Notes = all, ReviewMethod = all, ClientAgreement = all, ClientFeedback = all,
            Steps = [new PlanStepInput { Action = all, Who = all, Resources = all, Barriers = all, Contingency = all, Measure = all }],
        };
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: content);
        await app.ScalarAsync<int>("UPDATE evidence_items SET title = @Title WHERE id = @id RETURNING 1", new { Title, id });
        var store = new EvidenceStore(app.DataSource);
        var text = await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");
        var (_, annotation) = await store.AnnotateAsync(e.CentreId, e.Candidate.Id, id, new EvidenceStore.NewAnnotation(AnnotationAnchor.Create(text, 0, 40), null, null, all, [point]));
        await store.MapAsync(e.CentreId, e.Candidate.Id, id, point, all, annotation);
        var client = await app.SignedInAsync(e.Candidate);
        await EvidenceTestSteps.OnViewAsync(client, id, "#upload-form", new() { ["upload"] = new FileUpload("<img src=x onerror=alert(1)>.txt", Encoding.UTF8.GetBytes(all), "text/plain") });
        var version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id", new { id });
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, true);
        var assessment = new AssessmentStore(app.DataSource);
        await assessment.JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, [new JudgementInput(point, Outcome.NotYet, all)], [], all, returnToCandidate: true);
        await assessment.RespondAsync(e.CentreId, e.Candidate.Id, id, 1, all);

        await AssertInertAsync(e.Candidate, ["/Portfolio", $"/Portfolio/Evidence/View?id={id}", "/Portfolio/Matrix", "/Notifications"]);
        await AssertInertAsync(e.Assessor, ["/Assess", $"/Assess/Review?id={id}", $"/Assess/Candidate?enrolmentId={e.EnrolmentId}",
            $"/Assess/Matrix?enrolmentId={e.EnrolmentId}", $"/Assess/Audit?enrolmentId={e.EnrolmentId}", "/Assess/Search?q=alert", "/Notifications"]);
        await AssertInertAsync(e.Iqa, ["/Verify", $"/Verify/Evidence?id={id}", $"/Verify/Audit?enrolmentId={e.EnrolmentId}", "/Verify/Search?q=script", "/Verify/Cohort"]);
        Assert.Equal(108, XssCorpus.Payloads.Count);
    }

    async Task AssertInertAsync(TestPerson person, string[] urls)
    {
        var page = await app.SignedInPageAsync(person);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add($"{page.Url}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url} answered {response.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // Give event handlers (onerror, onload, autofocus) a moment to fire if any slipped through.
            await page.WaitForTimeoutAsync(150);
            Assert.False(await page.EvaluateAsync<bool>("() => !!(window.__xss || top.__xss)"), $"A payload ran on {url}");
            if (await page.QuerySelectorAsync("#evidence-text") is { } shown)
            {
                // The payloads are there, shown as the text the candidate typed.
                Assert.Contains("<script>window.__xss=1</script>", await shown.InnerTextAsync());
            }
        }
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }
}
