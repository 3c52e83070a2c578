using System.Net;
using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Rubrics;
using Portfolio.Tests.Export;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.External;

public sealed class ExternalAreaTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>Two candidates with a sampled decision each; the EQA is given the first sample only.</summary>
    async Task<(EnrolledCandidate Shared, long SharedItem, long SharedSample, EnrolledCandidate Other, long OtherItem, long OtherSample, TestPerson Eqa)> ArrangeAsync(
        DateTime? startsAt = null, DateTime? endsAt = null)
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "Shared plan.", "1.1.1");
        var other = await QualitySteps.AnotherCandidateAsync(app, e);
        var otherItem = await QualitySteps.ReturnedAsync(app, other, EvidenceKind.ProgressReview, "Not shared.", "1.2.1");
        var ids = await QualitySteps.SampleAllAsync(app, e);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        var (refusal, _) = await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id,
            startsAt ?? DateTime.UtcNow.AddHours(-1), endsAt ?? DateTime.UtcNow.AddDays(1), false, [ids[0]]);
        Assert.Equal(ExternalAccess.Refusal.None, refusal);
        return (e, item, ids[0], other, otherItem, ids[1], eqa);
    }

    Task<int> AuditRowsAsync(TestPerson eqa, string action) =>
        app.ScalarAsync<int>("SELECT count(*)::int FROM audit_events WHERE actor_id = @id AND action = @action", new { id = eqa.Id, action });

    [Fact]
    public async Task Inside_the_window_everything_in_scope_opens_and_each_view_is_audited()
    {
        var (e, item, sample, _, _, _, eqa) = await ArrangeAsync();
        var client = await app.SignedInAsync(eqa);

        var home = await Html.GetAsync(client, "/External");
        var record = await Html.GetAsync(client, $"/External/Sample?id={sample}");
        var portfolio = await Html.GetAsync(client, $"/External/Candidate?enrolmentId={e.EnrolmentId}");
        var evidence = await Html.GetAsync(client, $"/External/Evidence?id={item}");
        var report = await client.GetAsync("/External/Report?handler=Download");

        Assert.Single(home.QuerySelectorAll("#samples tr[data-sample]"));
        Assert.Contains("Shared plan.", record.QuerySelector("#snapshot-text")!.TextContent);
        Assert.NotNull(portfolio.QuerySelector($"#items [data-item='{item}']"));
        Assert.NotEmpty(portfolio.QuerySelectorAll("#audit-table tr, table tr"));
        Assert.Contains("Shared plan.", evidence.QuerySelector("#evidence-text")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var book = WorkbookCheck.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()));
        Assert.Single(book.Worksheet(1).RowsUsed().Skip(2));
        Assert.Equal(5, await AuditRowsAsync(eqa, "external.viewed"));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM audit_events WHERE actor_id = @id AND after->>'path' = @path",
            new { id = eqa.Id, path = $"/External/Sample?id={sample}" }));
    }

    [Fact]
    public async Task Outside_the_scope_is_not_found_and_the_refusal_is_audited()
    {
        var (_, _, _, other, otherItem, otherSample, eqa) = await ArrangeAsync();
        var client = await app.SignedInAsync(eqa);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Sample?id={otherSample}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Candidate?enrolmentId={other.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Evidence?id={otherItem}")).StatusCode);
        Assert.Equal(3, await AuditRowsAsync(eqa, "external.refused"));
    }

    [Theory]
    [InlineData(-10, -1)]
    [InlineData(1, 10)]
    public async Task Outside_the_window_nothing_opens(int startDays, int endDays)
    {
        var (e, item, sample, _, _, _, eqa) = await ArrangeAsync(DateTime.UtcNow.AddDays(startDays), DateTime.UtcNow.AddDays(endDays));
        var client = await app.SignedInAsync(eqa);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Sample?id={sample}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Candidate?enrolmentId={e.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Evidence?id={item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/External/Report?handler=Download")).StatusCode);
        Assert.NotNull((await Html.GetAsync(client, "/External")).QuerySelector("#area-empty"));
    }

    [Fact]
    public async Task Whole_centre_access_reaches_every_candidate_but_never_another_centres_ids()
    {
        var (e, _, _, other, otherItem, otherSample, _) = await ArrangeAsync();
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), true, []);
        var elsewhere = await app.EnrolledCandidateAsync(await app.CentreAsync("Elsewhere"));
        var foreignItem = await QualitySteps.ReturnedAsync(app, elsewhere, EvidenceKind.ActionPlan, "Foreign.", "1.1.1");
        var foreignSample = (await QualitySteps.SampleAllAsync(app, elsewhere))[0];
        var client = await app.SignedInAsync(eqa);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/External/Sample?id={otherSample}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/External/Evidence?id={otherItem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Sample?id={foreignSample}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Evidence?id={foreignItem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/Candidate?enrolmentId={elsewhere.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/External/Candidate?enrolmentId={other.EnrolmentId}")).StatusCode);
    }

    [Fact]
    public async Task The_external_quality_assurer_reads_evidence_markdown_rendered()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, RenderedMarkdown.Notes, "1.1.1");
        var ids = await QualitySteps.SampleAllAsync(app, e);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), false, [ids[0]]);
        var client = await app.SignedInAsync(eqa);

        var evidence = await Html.GetAsync(client, $"/External/Evidence?id={item}");
        var sample = await Html.GetAsync(client, $"/External/Sample?id={ids[0]}");

        RenderedMarkdown.AssertRendered(evidence.QuerySelector("#evidence-text"));
        RenderedMarkdown.AssertRendered(sample.QuerySelector("#snapshot-text"));
    }

    [Fact]
    public async Task Evidence_without_annotations_does_not_invite_the_external_quality_assurer_to_annotate()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, "Notes of the session.", "1.1.1");
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), true, []);
        var client = await app.SignedInAsync(eqa);

        var evidence = await Html.GetAsync(client, $"/External/Evidence?id={item}");

        Assert.Equal("No annotations yet.", evidence.QuerySelector("#no-annotations")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_progress_review_shows_the_plan_it_reviews_inside_the_window_and_links_back()
    {
        var e = await app.EnrolledCandidateAsync();
        var (plan, review) = await QualitySteps.PlanAndReviewAsync(app, e);
        var ids = await QualitySteps.SampleAllAsync(app, e);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), false, [ids[0]]);
        var client = await app.SignedInAsync(eqa);

        var reviewPage = await Html.GetAsync(client, $"/External/Evidence?id={review}");
        var planPage = await Html.GetAsync(client, $"/External/Evidence?id={plan}");

        ReviewedPlanChecks.AssertPlanBesideReview(reviewPage, "/External/Evidence?id=", plan);
        ReviewedPlanChecks.AssertPlanLinksBack(planPage, "/External/Evidence?id=", review);
    }

    [Fact]
    public async Task A_window_on_the_whole_centre_lists_its_portfolios_fifty_at_a_time_found_by_name()
    {
        var e = await app.EnrolledCandidateAsync();
        await QualitySteps.TraineesAsync(app, e, 52);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id, DateTime.UtcNow.AddHours(-1),
            DateTime.UtcNow.AddDays(1), true, []);
        var client = await app.SignedInAsync(eqa);

        var first = await Html.GetAsync(client, "/External");
        var second = await Html.GetAsync(client, first.QuerySelector("#portfolioPage-next-page")!.GetAttribute("href")!);
        var found = await Html.ParseAsync(await Html.SubmitAsync(client,
            (AngleSharp.Html.Dom.IHtmlFormElement)first.QuerySelector("#portfolio-filter")!, new() { ["Name"] = "trainee 5" }));

        Assert.Contains("53 candidates, 1 to 50 shown", first.QuerySelector("#portfolios-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, first.QuerySelectorAll("#candidates li").Length);
        Assert.Equal(3, second.QuerySelectorAll("#candidates li").Length);
        Assert.Equal(["Trainee 50", "Trainee 51", "Trainee 52"], found.QuerySelectorAll("#candidates li a").Select(a => a.TextContent));
    }
}
