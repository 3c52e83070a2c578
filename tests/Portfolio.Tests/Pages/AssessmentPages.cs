using Microsoft.Playwright;

namespace Portfolio.Tests.Pages;

/// <summary>
/// Selectors by id attribute: marking point and element codes contain dots ("1.1.2"), which a #id selector would read as classes.
/// </summary>
static class ById
{
    public static string Of(string id) => $"[id='{id}']";
}

/// <summary>The header every signed-in page shows: the unread notifications count.</summary>
public sealed class SiteHeader(IPage page)
{
    public ILocator UnreadCount => page.Locator("#unread-count");
    public ILocator NotificationsLink => page.Locator("#notifications-link");

    public async Task<NotificationsPage> OpenNotificationsAsync()
    {
        await NotificationsLink.ClickAsync();
        await page.WaitForURLAsync("**/Notifications");
        return new NotificationsPage(page);
    }
}

/// <summary>The signed-in person's notifications, newest first.</summary>
public sealed class NotificationsPage(IPage page)
{
    public ILocator Unread => page.Locator("#notifications li.app-notification--unread");
}

/// <summary>The candidate's dashboard: sign-offs to confirm, feedback waiting, progress and evidence.</summary>
public sealed class DashboardPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/Portfolio");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator FeedbackWaiting => page.Locator("#feedback-waiting li");
    public ILocator ToConfirm => page.Locator("#to-confirm li");
    public ILocator Evidence => page.Locator("#evidence-list tbody tr");

    /// <summary>The progress line of an element, e.g. "1.1 Element one: 2 met, 2 claimed, of 2 marking points".</summary>
    public ILocator Progress(string elementCode) => page.Locator($"[id$='-{elementCode}'].app-progress__label");

    public async Task ConfirmSignOffAsync(string elementCode)
    {
        await page.ClickAsync(ById.Of($"confirm-button-{elementCode}"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}

/// <summary>Submitting a revision: the declarations and the button.</summary>
public sealed class SubmitEvidencePage(IPage page)
{
    public ILocator Anonymised => page.Locator("#Input_Anonymised");
    public ILocator Authentic => page.Locator("#Input_Authentic");
    public ILocator ClientConsent => page.Locator("#Input_ClientConsent");

    /// <summary>Ticks every declaration the page asks for and submits; lands back on the item's page.</summary>
    public async Task DeclareAndSubmitAsync()
    {
        await Anonymised.CheckAsync();
        if (await ClientConsent.CountAsync() > 0)
        {
            await ClientConsent.CheckAsync();
        }
        await Authentic.CheckAsync();
        await page.ClickAsync("#confirm-submit");
        await page.WaitForURLAsync("**/Portfolio/Evidence/View?id=*");
    }
}

/// <summary>The candidate's side of assessment on an item's page: mapping, submitting, the returned feedback, answering, revising.</summary>
public sealed class EvidenceAssessmentPage(IPage page)
{
    public ILocator Mappings => page.Locator("#mappings tbody tr");
    public ILocator SubmittedNote => page.Locator("#submitted-note");
    public ILocator Revisions => page.Locator("#revisions");
    public ILocator Feedback => page.Locator(".app-feedback");
    public ILocator CandidateResponse => page.Locator("#candidate-response");

    /// <summary>A returned judgement's row; its data-outcome is "met" or "not-yet".</summary>
    public ILocator Judgement(string pointCode) => page.Locator($"#judgements [data-point='{pointCode}']");

    /// <summary>Maps a marking point by its code (e.g. "1.1.2") with the candidate's reason, through the map form.</summary>
    public async Task MapAsync(string pointCode, string rationale)
    {
        var option = page.Locator("#Mapping_PointId option", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(pointCode)} ") });
        await page.SelectOptionAsync("#Mapping_PointId", (await option.GetAttributeAsync("value"))!);
        await page.FillAsync("#Mapping_Rationale", rationale);
        await page.ClickAsync("#map");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public async Task<SubmitEvidencePage> OpenSubmitAsync()
    {
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync("**/Portfolio/Evidence/Submit?id=*");
        return new SubmitEvidencePage(page);
    }

    public async Task AnswerFeedbackAsync(string answer)
    {
        await page.FillAsync("#Answer", answer);
        await page.ClickAsync("#respond");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Starts a new revision and lands on its edit page.</summary>
    public async Task<EditEvidencePage> ReviseAsync()
    {
        await page.ClickAsync("#revise");
        await page.WaitForURLAsync("**/Portfolio/Evidence/Edit?id=*");
        return new EditEvidencePage(page);
    }
}

/// <summary>The assessor's start page: the queue waiting for judgement and the caseload.</summary>
public sealed class AssessorHomePage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/Assess");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator QueueEntry(long itemId) => page.Locator($"#queue tr[data-item='{itemId}']");
    public ILocator QueueEmpty => page.Locator("#queue-empty");

    public async Task<ReviewPage> OpenReviewAsync(long itemId)
    {
        await QueueEntry(itemId).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/Assess/Review?id=*");
        return new ReviewPage(page);
    }

    public async Task<CandidateProgressPage> OpenCandidateAsync(long enrolmentId)
    {
        await page.Locator($"#caseload tr[data-enrolment='{enrolmentId}']").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/Assess/Candidate?enrolmentId=*");
        return new CandidateProgressPage(page);
    }
}

/// <summary>Reviewing one submitted revision: the judgement for each claimed point, overall feedback, Save and Return.</summary>
public sealed class ReviewPage(IPage page)
{
    public ILocator Title => page.Locator("#evidence-title");
    public ILocator Changes => page.Locator("#changes");
    public ILocator ChangesSummary => page.Locator("#changes summary");
    public ILocator JudgementFor(string pointCode) => page.Locator($"#judgement-form fieldset[data-point='{pointCode}']");

    /// <summary>Chooses "met" or "not-yet" for a point and writes its feedback.</summary>
    public async Task JudgeAsync(string pointCode, string outcome, string feedback)
    {
        await page.CheckAsync(ById.Of($"judge-{pointCode}-{outcome}"));
        await JudgementFor(pointCode).Locator("textarea").FillAsync(feedback);
    }

    public ILocator FeedbackFor(string pointCode) => JudgementFor(pointCode).Locator("textarea");
    public ILocator EarlierFeedbackFor(string pointCode) => JudgementFor(pointCode).Locator(".app-earlier-feedback");

    /// <summary>Picks an outcome for a point without touching its feedback.</summary>
    public Task ChooseAsync(string pointCode, string outcome) => page.CheckAsync(ById.Of($"judge-{pointCode}-{outcome}"));

    public async Task OpenAsync(long itemId)
    {
        await page.GotoAsync($"/Assess/Review?id={itemId}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public Task OverallAsync(string feedback) => page.FillAsync("#Input_Overall", feedback);

    public async Task OpenChangesAsync() => await ChangesSummary.ClickAsync();

    public async Task ReturnToCandidateAsync()
    {
        await page.ClickAsync("#return-to-candidate");
        await page.WaitForURLAsync("**/Assess");
    }
}

/// <summary>A candidate's progress for their assessor: each element's points met and its sign-off.</summary>
public sealed class CandidateProgressPage(IPage page)
{
    public ILocator Element(string code) => page.Locator($"#elements tr[data-element='{code}']");

    public async Task SignOffAsync(string elementCode)
    {
        await page.ClickAsync(ById.Of($"sign-off-button-{elementCode}"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
