using Dapper;
using Microsoft.Playwright;
using Portfolio.Tests.Pages;
using Portfolio.Tests.Rubrics;

namespace Portfolio.Tests.Browser;

/// <summary>The whole assessment loop in Chromium with every session checked in the database.</summary>
public sealed class AssessmentLoopBrowserTests(BrowserApp app) : AssessmentLoop<BrowserApp>(app);

/// <summary>
/// The same loop as the site runs by default: session checks and pages kept in memory. The candidate's and the
/// assessor's pages each show what the other just did, through the notices that drop what was kept. Its pages are the
/// same markup as the first loop's, so axe runs in that one only.
/// </summary>
public sealed class AssessmentLoopWithKeptSessionsBrowserTests(KeptSessionsBrowserApp app)
    : AssessmentLoop<KeptSessionsBrowserApp>(app, checkAccessibility: false);

/// <summary>The browser site with session checks kept in memory, started and hearing its own notices.</summary>
public sealed class KeptSessionsBrowserApp : BrowserApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["SignIn:SessionCacheSeconds"] = "30" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await UntilKeepingSessionsAsync();
    }
}

/// <summary>
/// The whole assessment loop in Chromium, candidate and assessor each in their own browser context,
/// with axe run on every page state they see (unless another loop already checks the same pages).
/// </summary>
public abstract class AssessmentLoop<TApp>(TApp app, bool checkAccessibility = true) : IClassFixture<TApp> where TApp : BrowserApp
{
    readonly HashSet<string> checkedStates = [];

    // axe is most of this test's time: each page is checked once in each state it is seen in (its path, heading and the
    // forms it offers).
    async Task AssertAccessibleAsync(IPage page)
    {
        var state = new Uri(page.Url).AbsolutePath + "\n" + await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main h1, main form')].map(e => e.id || e.textContent.trim()).join('|')");
        if (checkAccessibility && checkedStates.Add(state))
        {
            await BrowserApp.AssertAccessibleAsync(page);
        }
    }

    const string Account = "I listened to the client and summarised her goals before we planned the next steps.";
    const string NotYetFeedback = "Say how you checked the client agreed with the plan.";

    [Fact]
    public async Task Evidence_goes_round_the_loop_until_its_element_is_signed_off_and_the_candidate_confirms()
    {
        var enrolled = await EnrolledOnTheSmallRubricAsync();
        var candidate = await app.SignedInPageAsync(enrolled.Candidate);
        var assessor = await app.SignedInPageAsync(enrolled.Assessor);

        var itemId = await CandidateWritesMapsAndSubmitsAsync(candidate);
        await AssessorJudgesAsync(assessor, itemId, revision: 1, ("1.1.1", "met", "Clear summary of her goals."), ("1.1.2", "not-yet", NotYetFeedback));
        await CandidateAnswersAndResubmitsAsync(candidate, itemId);
        await AssessorJudgesAsync(assessor, itemId, revision: 2, ("1.1.1", "met", "Still clear."), ("1.1.2", "met", "Now shows the client agreed."));
        await AssessorSignsOffAsync(assessor, enrolled.EnrolmentId);
        await CandidateConfirmsAsync(candidate);

        Assert.Equal(1, await app.ScalarAsync<int>(
            "SELECT count(*) FROM element_signoffs WHERE enrolment_id = @id AND candidate_confirmed_at IS NOT NULL", new { id = enrolled.EnrolmentId }));
        var actions = await AuditActionsAsync(enrolled.CentreId);
        Assert.True(actions.GetValueOrDefault("judgement.recorded") >= 1, "judgement.recorded");
        Assert.Equal(2, actions.GetValueOrDefault("evidence.submitted"));
        Assert.Equal(1, actions.GetValueOrDefault("element.signed-off"));
    }

    async Task<EnrolledCandidate> EnrolledOnTheSmallRubricAsync()
    {
        var centre = await app.CentreAsync();
        var import = await new Portfolio.Rubrics.RubricStore(app.DataSource).ImportAsync(centre, null, new RubricBuilder().Files);
        Assert.True(import.Succeeded, string.Join("\n", import.Problems));
        return await app.EnrolledCandidateAsync(centre, import.VersionId!.Value);
    }

    async Task<long> CandidateWritesMapsAndSubmitsAsync(IPage page)
    {
        var create = new CreateEvidencePage(page);
        await create.OpenAsync();
        await AssertAccessibleAsync(page);
        var edit = await create.StartAsync("Notes from a guidance interview", "other-document");
        await AssertAccessibleAsync(page);
        await edit.Notes.FillAsync(Account);
        await edit.SaveAsync();
        var view = new ViewEvidencePage(page);
        await view.OpenAsync(edit.Id);
        await AssertAccessibleAsync(page);

        var item = new EvidenceAssessmentPage(page);
        await item.MapAsync("1.1.1", "I summarised her goals.");
        await item.MapAsync("1.1.2", "We planned the next steps together.");
        await Assertions.Expect(item.Mappings).ToHaveCountAsync(2);
        await AssertAccessibleAsync(page);
        var submit = await item.OpenSubmitAsync();
        await AssertAccessibleAsync(page);
        await submit.DeclareAndSubmitAsync();

        await Assertions.Expect(item.SubmittedNote).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        return edit.Id;
    }

    async Task AssessorJudgesAsync(IPage page, long itemId, int revision, params (string Point, string Outcome, string Feedback)[] judgements)
    {
        var home = new AssessorHomePage(page);
        await home.OpenAsync();
        await Assertions.Expect(new SiteHeader(page).UnreadCount).ToBeVisibleAsync();
        await Assertions.Expect(home.QueueEntry(itemId)).ToContainTextAsync($"(revision {revision})");
        await AssertAccessibleAsync(page);
        if (revision == 1)
        {
            await Assertions.Expect(new SiteHeader(page).UnreadCount).ToHaveTextAsync("1 unread");
            var notifications = await new SiteHeader(page).OpenNotificationsAsync();
            await Assertions.Expect(notifications.Unread).ToContainTextAsync("submitted \"Notes from a guidance interview\" for assessment");
            await AssertAccessibleAsync(page);
            await home.OpenAsync();
        }

        var review = await home.OpenReviewAsync(itemId);
        await AssertAccessibleAsync(page);
        if (revision > 1)
        {
            await Assertions.Expect(review.ChangesSummary).ToHaveTextAsync($"What changed since revision {revision - 1}");
            await review.OpenChangesAsync();
            await Assertions.Expect(review.Changes).ToContainTextAsync("Added: ");
            await AssertAccessibleAsync(page);
        }
        foreach (var (point, outcome, feedback) in judgements)
        {
            await review.JudgeAsync(point, outcome, feedback);
        }
        await AssertAccessibleAsync(page);
        await review.ReturnToCandidateAsync();

        await home.OpenAsync();
        await Assertions.Expect(home.QueueEntry(itemId)).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
    }

    async Task CandidateAnswersAndResubmitsAsync(IPage page, long itemId)
    {
        var dashboard = new DashboardPage(page);
        await dashboard.OpenAsync();
        await Assertions.Expect(dashboard.FeedbackWaiting).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);
        await dashboard.FeedbackWaiting.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/Portfolio/Evidence/View?id={itemId}");

        var item = new EvidenceAssessmentPage(page);
        await Assertions.Expect(item.Judgement("1.1.1")).ToHaveAttributeAsync("data-outcome", "met");
        await Assertions.Expect(item.Judgement("1.1.2")).ToHaveAttributeAsync("data-outcome", "not-yet");
        await Assertions.Expect(item.Judgement("1.1.2")).ToContainTextAsync("Not yet met");
        await Assertions.Expect(item.Judgement("1.1.2")).ToContainTextAsync(NotYetFeedback);
        await AssertAccessibleAsync(page);
        await item.AnswerFeedbackAsync("I will add how she agreed to the plan.");
        await Assertions.Expect(item.CandidateResponse).ToHaveTextAsync("I will add how she agreed to the plan.");
        await AssertAccessibleAsync(page);

        var edit = await item.ReviseAsync();
        await AssertAccessibleAsync(page);
        await edit.Notes.FillAsync(Account + "\n\nShe read the plan back to me and agreed each step.");
        await edit.SaveAsync();
        await new ViewEvidencePage(page).OpenAsync(itemId);
        await Assertions.Expect(item.Revisions).ToContainTextAsync("2 (draft)");
        await Assertions.Expect(item.Mappings).ToHaveCountAsync(2);
        await AssertAccessibleAsync(page);
        var submit = await item.OpenSubmitAsync();
        await submit.DeclareAndSubmitAsync();
        await Assertions.Expect(item.SubmittedNote).ToBeVisibleAsync();
    }

    async Task AssessorSignsOffAsync(IPage page, long enrolmentId)
    {
        var home = new AssessorHomePage(page);
        await home.OpenAsync();
        var candidate = await home.OpenCandidateAsync(enrolmentId);
        await Assertions.Expect(candidate.Element("1.1")).ToContainTextAsync("2 of 2");
        await AssertAccessibleAsync(page);

        await candidate.SignOffAsync("1.1");

        await Assertions.Expect(candidate.Element("1.1")).ToContainTextAsync("Signed off");
        await Assertions.Expect(candidate.Element("1.1")).ToContainTextAsync("awaiting the candidate's confirmation");
        await AssertAccessibleAsync(page);
    }

    async Task CandidateConfirmsAsync(IPage page)
    {
        var dashboard = new DashboardPage(page);
        await dashboard.OpenAsync();
        await Assertions.Expect(dashboard.ToConfirm).ToHaveCountAsync(1);
        await Assertions.Expect(dashboard.Progress("1.1")).ToContainTextAsync("2 met");
        await AssertAccessibleAsync(page);

        await dashboard.ConfirmSignOffAsync("1.1");

        await Assertions.Expect(dashboard.ToConfirm).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
    }

    async Task<Dictionary<string, int>> AuditActionsAsync(long centreId)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Action, int Count)>(
            "SELECT action, count(*)::int FROM audit_events WHERE centre_id = @centreId GROUP BY action", new { centreId });
        return rows.ToDictionary(r => r.Action, r => r.Count);
    }
}
