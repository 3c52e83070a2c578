using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Site;

/// <summary>The site in the Benchmark environment, where every response says how many commands (round trips) it sent to PostgreSQL.</summary>
public sealed class CountingApp : PortfolioApp
{
    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.UseEnvironment(BenchmarkSupport.EnvironmentName);
    }
}

/// <summary>
/// Round trips per page: one for the session check (which brings the header's unread count along), then as few as the
/// page's own reads need. A page that starts asking again, one query at a time, fails here.
/// </summary>
public sealed class RoundTripTests(CountingApp app) : IClassFixture<CountingApp>
{
    /// <summary>An action plan claiming the points, judged met and returned to the candidate (who has a notification of it).</summary>
    async Task<(EnrolledCandidate E, long ItemId)> ReturnedAsync(params string[] codes)
    {
        var e = await app.EnrolledCandidateAsync();
        return (e, await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "The client chose to call two employers by Friday.", codes));
    }

    static async Task<int> RoundTripsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.GetValues(BenchmarkSupport.StatementsHeader).Single(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_evidence_view_is_the_session_check_and_one_batch_then_only_the_session_check_until_the_evidence_changes()
    {
        var (e, id) = await ReturnedAsync("1.1.1", "1.1.2");
        var candidate = await app.SignedInAsync(e.Candidate);
        var url = $"/Portfolio/Evidence/View?id={id}";

        var first = await RoundTripsAsync(candidate, url);
        var second = await RoundTripsAsync(candidate, url);
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).RespondAsync(e.CentreId, e.Candidate.Id, id, 1, "I will add the dates."));
        var afterAnswer = await RoundTripsAsync(candidate, url);

        // One more than the evidence batch since marking-point suggestions: their panel (read with its "shown" log).
        Assert.Equal(4, first);
        Assert.Equal(1, second);
        Assert.Equal(3, afterAnswer);
        var page = await Html.GetAsync(candidate, url);
        Assert.Equal("1", page.QuerySelector("#unread-count")!.FirstChild!.TextContent);
        Assert.Equal("met", page.QuerySelector("#judgements [data-point='1.1.2']")!.GetAttribute("data-outcome"));
        Assert.Contains("I will add the dates.", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_dashboard_and_the_caseload_are_one_batch_then_only_the_session_check_until_something_they_show_changes()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var assessor = await app.SignedInAsync(e.Assessor);

        Assert.Equal(2, await RoundTripsAsync(candidate, "/Portfolio"));
        Assert.Equal(2, await RoundTripsAsync(assessor, "/Assess"));
        Assert.Equal(1, await RoundTripsAsync(candidate, "/Portfolio"));
        Assert.Equal(1, await RoundTripsAsync(assessor, "/Assess"));

        var id = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "The client chose to call two employers by Friday.", "1.1.1");

        Assert.Equal(2, await RoundTripsAsync(candidate, "/Portfolio"));
        Assert.Equal(2, await RoundTripsAsync(assessor, "/Assess"));
        Assert.NotNull((await Html.GetAsync(candidate, "/Portfolio")).QuerySelector($"#evidence-list a[href='/Portfolio/Evidence/View?id={id}']"));
        Assert.Contains("1 met, 1 claimed", (await Html.GetAsync(assessor, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']")!.TextContent);
    }

    [Fact]
    public async Task Reviewing_a_resubmission_reads_both_revisions_and_their_feedback_in_one_batch()
    {
        var (e, item) = await ReturnedAsync("1.1.1");
        var evidence = new EvidenceStore(app.DataSource);
        Assert.Equal(EvidenceRefusal.None, await evidence.ReviseAsync(e.CentreId, e.Candidate.Id, item));
        var version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @item AND number = 2", new { item });
        Assert.Equal(EvidenceRefusal.None, await evidence.SaveDraftAsync(e.CentreId, e.Candidate.Id, item, "Evidence for testing", new EvidenceContent { Notes = "The client will call three employers by Monday." }, version));
        version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @item AND number = 2", new { item });
        Assert.Equal(EvidenceRefusal.None, await evidence.SubmitAsync(e.CentreId, e.Candidate.Id, item, version, true, true));
        var assessor = await app.SignedInAsync(e.Assessor);
        await RoundTripsAsync(assessor, $"/Assess/Review?id={item}");

        var roundTrips = await RoundTripsAsync(assessor, $"/Assess/Review?id={item}");

        // The batch, and the review's suggestions read on their own.
        Assert.Equal(3, roundTrips);
        var page = await Html.GetAsync(assessor, $"/Assess/Review?id={item}");
        Assert.Contains("Added: The client will call three employers by Monday.", page.QuerySelector("#changes")!.TextContent);
        Assert.Equal("met", page.QuerySelector("#previous-feedback [data-point='1.1.1']")!.GetAttribute("data-outcome"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("[id='judge-1.1.1-met']")!.IsChecked);
    }

    [Fact]
    public async Task Suggestions_shown_on_the_review_are_read_and_logged_in_one_statement_and_logged_once()
    {
        var (e, id) = await SuggestionSteps.SubmittedWithUnclaimedAsync(app);
        var assessor = await app.SignedInAsync(e.Assessor);
        await RoundTripsAsync(assessor, $"/Assess/Review?id={id}");

        var first = await RoundTripsAsync(assessor, $"/Assess/Review?id={id}");
        var second = await RoundTripsAsync(assessor, $"/Assess/Review?id={id}");

        // The session check, the evidence batch, and the suggestions with their "shown" log.
        Assert.Equal(3, first);
        Assert.Equal(3, second);
        var shown = await app.ScalarAsync<long>(
            "SELECT count(*) FROM suggestion_events WHERE item_id = @id AND event = 'shown'", new { id });
        var suggested = await app.ScalarAsync<long>("""
            SELECT count(*) FROM suggestions g JOIN evidence_revisions r ON r.id = g.revision_id
            WHERE r.item_id = @id AND g.marking_point_id <> @claimed
            """, new { id, claimed = await app.PointIdAsync(e.VersionId, "1.1.8") });
        Assert.True(suggested > 0);
        Assert.Equal(suggested, shown);
    }

    [Fact]
    public async Task The_quality_assurers_evidence_view_is_the_session_check_and_one_batch()
    {
        var (e, item) = await ReturnedAsync("1.1.1");
        var iqa = await app.SignedInAsync(e.Iqa);

        var roundTrips = await RoundTripsAsync(iqa, $"/Verify/Evidence?id={item}");

        Assert.Equal(2, roundTrips);
    }

    [Fact]
    public async Task The_evidence_matrix_is_read_once_then_only_the_session_check_until_the_evidence_changes()
    {
        var (e, _) = await ReturnedAsync("1.1.1");
        var assessor = await app.SignedInAsync(e.Assessor);

        var url = $"/Assess/Matrix?enrolmentId={e.EnrolmentId}";
        var first = await RoundTripsAsync(assessor, url);
        var second = await RoundTripsAsync(assessor, url);
        await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ReflectiveAccount, "Looking back on a first interview.", "1.2.1");
        var afterNewEvidence = await RoundTripsAsync(assessor, url);

        Assert.Equal(4, first);
        Assert.Equal(1, second);
        Assert.Equal(3, afterNewEvidence);
        Assert.Equal("Met", (await Html.GetAsync(assessor, url)).QuerySelector("#matrix [data-point='1.2.1']")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_new_notification_shows_in_the_header_on_the_next_page_without_a_query_of_its_own()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        await RoundTripsAsync(candidate, "/Notifications");
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await Notifications.NotifyAsync(conn, tx, e.CentreId, e.Candidate.Id, "Your assessor returned your plan.", "/Portfolio");
            await tx.CommitAsync();
        }

        var roundTrips = await RoundTripsAsync(candidate, "/Notifications");

        Assert.Equal(2, roundTrips);
        Assert.Equal("1", (await Html.GetAsync(candidate, "/Notifications")).QuerySelector("#unread-count")!.FirstChild!.TextContent);
    }
}
