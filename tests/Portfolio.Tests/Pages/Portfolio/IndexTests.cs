using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.PortfolioArea;

public sealed class IndexTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>An item claiming 1.1.1, submitted, then returned with 1.1.1 judged not yet met.</summary>
    async Task<long> ReturnedNotYetAsync(EnrolledCandidate e, string title)
    {
        var store = new EvidenceStore(app.DataSource);
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = "An account." });
        await app.ScalarAsync<int>("UPDATE evidence_items SET title = @title WHERE id = @id RETURNING 1", new { title, id });
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");
        Assert.Equal(EvidenceRefusal.None, await store.MapAsync(e.CentreId, e.Candidate.Id, id, point, "Shown", null));
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true));
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
            [new JudgementInput(point, Outcome.NotYet, "Add the dates.")], [], "Nearly there.", true));
        return id;
    }

    [Fact]
    public async Task Feedback_waits_for_an_answer_only_while_a_point_is_not_yet_met_and_unanswered()
    {
        var e = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, "All met.", "1.1.2");
        var waiting = await ReturnedNotYetAsync(e, "Waiting plan");
        var answered = await ReturnedNotYetAsync(e, "Answered plan");
        var client = await app.SignedInAsync(e.Candidate);
        var view = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={answered}");
        await Html.SubmitAsync(client, view.QuerySelector<IHtmlFormElement>("#respond-form")!, new() { ["Answer"] = "I will add the dates." });

        var page = await Html.GetAsync(client, "/Portfolio");

        var listed = page.QuerySelectorAll("#feedback-waiting li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Portfolio/Evidence/View?id={waiting}"], listed);
    }

    [Fact]
    public async Task A_returned_item_shows_whether_points_are_still_not_yet_met()
    {
        var e = await app.EnrolledCandidateAsync();
        var met = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, "All met.", "1.1.2");
        var notYet = await ReturnedNotYetAsync(e, "Waiting plan");
        var client = await app.SignedInAsync(e.Candidate);

        var page = await Html.GetAsync(client, "/Portfolio");

        string Status(long id) => page.QuerySelector($"#evidence-list a[href$='id={id}']")!.Closest("tr")!.QuerySelector("[data-status] .govuk-tag")!.TextContent;
        Assert.Equal("Returned — not yet met", Status(notYet));
        Assert.Equal("Returned — all met", Status(met));
    }

    [Fact]
    public async Task Recent_activity_names_the_item_a_marking_point_was_mapped_in()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = "An account." });
        var client = await app.SignedInAsync(e.Candidate);
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");
        await EvidenceTestSteps.OnViewAsync(client, id, "#map-form", new() { ["Mapping.PointId"] = point.ToString(CultureInfo.InvariantCulture), ["Mapping.Rationale"] = "Shown" });

        var page = await Html.GetAsync(client, "/Portfolio");

        Assert.Contains("Mapped a marking point in Evidence for testing", page.QuerySelector("#recent-activity li")!.TextContent);
    }
}
