using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Site;

/// <summary>What one person's pages keep in memory is never shown to another, and a change shows on the next request.</summary>
public sealed class PageCacheTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    const string Notes = "The client chose the first step herself and set the date.";

    /// <summary>
    /// The page asked for twice, parsed from the second answer, and whether that answer was the first sent again: a page
    /// rendered afresh has new antiforgery tokens (the header's sign-out form has one), a kept page is the same to the byte.
    /// </summary>
    internal static async Task<(IHtmlDocument Page, bool Kept)> TwiceAsync(HttpClient client, string url)
    {
        var first = await client.GetStringAsync(url);
        var second = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        return (await Html.ParseAsync(second), first == await second.Content.ReadAsStringAsync());
    }

    /// <summary>A candidate's item with text to annotate, the address of its view, and the candidate signed in.</summary>
    async Task<(EnrolledCandidate E, string Url, HttpClient Candidate)> ItemWithTextAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, content: new EvidenceContent { Notes = Notes });
        return (e, $"/Portfolio/Evidence/View?id={id}", await app.SignedInAsync(e.Candidate));
    }

    static Task<HttpResponseMessage> AnnotateAsync(HttpClient client, IHtmlDocument page, string comment) =>
        Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#annotate-form")!, new() { ["Annotation.Quote"] = "set the date", ["Annotation.Comment"] = comment });

    [Fact]
    public async Task A_form_on_a_kept_page_still_posts()
    {
        var (_, url, candidate) = await ItemWithTextAsync();

        var (page, kept) = await TwiceAsync(candidate, url);
        var response = await AnnotateAsync(candidate, page, "Time-bound");

        Assert.True(kept);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Time-bound", (await Html.GetAsync(candidate, url)).QuerySelector("#annotations")!.TextContent);
    }

    [Fact]
    public async Task The_same_person_in_two_browsers_gets_pages_whose_forms_post_from_each()
    {
        var (e, url, home) = await ItemWithTextAsync();
        var work = await app.SignedInAsync(e.Candidate);

        var (atHome, keptAtHome) = await TwiceAsync(home, url);
        var (atWork, keptAtWork) = await TwiceAsync(work, url);
        var fromHome = await AnnotateAsync(home, atHome, "Written at home");
        var fromWork = await AnnotateAsync(work, atWork, "Written at work");

        Assert.True(keptAtHome && keptAtWork);
        Assert.Equal(HttpStatusCode.Redirect, fromHome.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromWork.StatusCode);
    }

    [Fact]
    public async Task The_status_after_a_change_shows_once_and_is_not_shown_again_from_memory()
    {
        var (_, url, candidate) = await ItemWithTextAsync();
        var (page, _) = await TwiceAsync(candidate, url);

        var posted = await AnnotateAsync(candidate, page, "Time-bound");
        var once = await Html.GetAsync(candidate, posted.Headers.Location!.OriginalString);
        var again = await Html.GetAsync(candidate, url);

        Assert.Equal("Your annotation has been added.", once.QuerySelector("#status")!.TextContent);
        Assert.Null(again.QuerySelector("#status"));
    }

    [Fact]
    public async Task A_new_notification_shows_in_the_header_of_a_kept_page_on_the_next_request()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var (before, kept) = await TwiceAsync(candidate, "/Portfolio");

        await using (var conn = await app.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await Notifications.NotifyAsync(conn, tx, e.CentreId, e.Candidate.Id, "Your assessor returned your plan.", "/Portfolio");
            await tx.CommitAsync();
        }
        var after = await Html.GetAsync(candidate, "/Portfolio");

        Assert.True(kept);
        Assert.Null(before.QuerySelector("#unread-count"));
        Assert.Equal("1", after.QuerySelector("#unread-count")!.FirstChild!.TextContent);
    }

    [Fact]
    public async Task Someone_elses_item_answers_not_found_every_time()
    {
        var (e, url, _) = await ItemWithTextAsync();
        var stranger = await app.SignedInAsync((await QualitySteps.AnotherCandidateAsync(app, e)).Candidate);

        var first = await stranger.GetAsync(url);
        var second = await stranger.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task The_quality_assurers_matrix_is_rendered_afresh_every_time()
    {
        var e = await app.EnrolledCandidateAsync();
        var both = await app.PersonAsync(e.CentreId, Role.Assessor, Role.InternalQualityAssurer);
        var own = await QualitySteps.AnotherCandidateAsync(app, e, both);
        var client = await app.SignedInAsync(both);

        var (_, assessKept) = await TwiceAsync(client, $"/Assess/Matrix?enrolmentId={own.EnrolmentId}");
        var (verified, verifyKept) = await TwiceAsync(client, $"/Verify/Matrix?enrolmentId={e.EnrolmentId}");

        Assert.True(assessKept);
        Assert.False(verifyKept);
        Assert.NotNull(verified.QuerySelector("#matrix"));
    }
    [Fact]
    public async Task A_page_kept_for_one_person_is_never_served_to_another()
    {
        var first = await app.EnrolledCandidateAsync();
        var second = await QualitySteps.AnotherCandidateAsync(app, first);
        var firstItem = await EvidenceTestSteps.ItemAsync(app, first, EvidenceKind.ActionPlan);
        await app.ScalarAsync<int>("UPDATE evidence_items SET title = 'First candidate''s plan' WHERE id = @firstItem RETURNING 1", new { firstItem });
        var firstCandidate = await app.SignedInAsync(first.Candidate);
        var secondCandidate = await app.SignedInAsync(second.Candidate);
        var firstAssessor = await app.SignedInAsync(first.Assessor);
        var secondAssessor = await app.SignedInAsync(second.Assessor);

        // Each page read twice by its owner, so it is kept, then asked for by someone else.
        for (var i = 0; i < 2; i++)
        {
            Assert.Contains("First candidate's plan", (await Html.GetAsync(firstCandidate, "/Portfolio")).QuerySelector("#evidence-list")!.TextContent);
            await Html.GetAsync(firstCandidate, $"/Portfolio/Evidence/View?id={firstItem}");
            await Html.GetAsync(firstAssessor, $"/Assess/Matrix?enrolmentId={first.EnrolmentId}");
            await Html.GetAsync(firstAssessor, "/Assess");
        }

        Assert.NotNull((await Html.GetAsync(secondCandidate, "/Portfolio")).QuerySelector("#no-evidence"));
        Assert.Equal(HttpStatusCode.NotFound, (await secondCandidate.GetAsync($"/Portfolio/Evidence/View?id={firstItem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secondAssessor.GetAsync($"/Assess/Matrix?enrolmentId={first.EnrolmentId}")).StatusCode);
        var secondCaseload = await Html.GetAsync(secondAssessor, "/Assess");
        Assert.Null(secondCaseload.QuerySelector($"#caseload tr[data-enrolment='{first.EnrolmentId}']"));
        Assert.NotNull(secondCaseload.QuerySelector($"#caseload tr[data-enrolment='{second.EnrolmentId}']"));
    }

    [Fact]
    public async Task Giving_a_candidate_to_another_assessor_moves_them_between_the_kept_caseloads_at_once()
    {
        var e = await app.EnrolledCandidateAsync();
        var other = await QualitySteps.AnotherCandidateAsync(app, e);
        var first = await app.SignedInAsync(e.Assessor);
        var second = await app.SignedInAsync(other.Assessor);
        await Html.GetAsync(first, $"/Assess/Matrix?enrolmentId={e.EnrolmentId}");
        Assert.NotNull((await Html.GetAsync(first, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));
        Assert.Null((await Html.GetAsync(second, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));

        await app.ScalarAsync<int>("UPDATE enrolments SET assessor_id = @to WHERE id = @id RETURNING 1", new { to = other.Assessor.Id, id = e.EnrolmentId });

        Assert.Null((await Html.GetAsync(first, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/Assess/Matrix?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.NotNull((await Html.GetAsync(second, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/Assess/Matrix?enrolmentId={e.EnrolmentId}")).StatusCode);
    }
}

/// <summary>The site with the page cache turned off (PageCache:Megabytes = 0).</summary>
public sealed class PageCacheOffApp : PortfolioApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["PageCache:Megabytes"] = "0" };
}

public sealed class PageCacheOffTests(PageCacheOffApp app) : IClassFixture<PageCacheOffApp>
{
    [Fact]
    public async Task With_the_cache_off_every_page_is_rendered_afresh()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var assessor = await app.SignedInAsync(e.Assessor);

        var (dashboard, dashboardKept) = await PageCacheTests.TwiceAsync(candidate, "/Portfolio");
        var (caseload, caseloadKept) = await PageCacheTests.TwiceAsync(assessor, "/Assess");

        Assert.False(dashboardKept || caseloadKept);
        Assert.NotNull(dashboard.QuerySelector("#no-evidence"));
        Assert.NotNull(caseload.QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']"));
    }
}
