using System.Net;
using AngleSharp.Dom;
using Dapper;
using Npgsql;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

public sealed class SubmitEvidenceTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static readonly EvidenceContent PlanWithPersonalData = new()
    {
        ClientSituation = "Client: Sarah Jones, contact sarah.jones@example.com or 07700 900123, lives near SW1A 1AA.",
        Steps = [new PlanStepInput { Who = "Client", Action = "Send two applications", ByWhen = new DateOnly(2026, 12, 4) }],
    };

    static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, long id, Dictionary<string, object> values)
    {
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/Submit?id={id}");
        return await Html.SubmitAsync(client, page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#submit-form")!, values);
    }

    [Fact]
    public async Task The_submit_page_has_a_back_link_to_the_item()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = "An account." });
        var client = await app.SignedInAsync(e.Candidate);

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/Submit?id={id}");

        Assert.Equal($"/Portfolio/Evidence/View?id={id}", page.QuerySelector("a.govuk-back-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task What_is_about_to_be_submitted_is_shown_rendered()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = RenderedMarkdown.Notes });
        var client = await app.SignedInAsync(e.Candidate);

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/Submit?id={id}");

        RenderedMarkdown.AssertRendered(page.QuerySelector("#checked-text"));
    }

    [Fact]
    public async Task Personal_details_are_highlighted_before_submission()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: PlanWithPersonalData);
        var client = await app.SignedInAsync(e.Candidate);

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/Submit?id={id}");

        var marked = page.QuerySelectorAll("#checked-text mark.app-personal-data").Select(m => m.TextContent).ToList();
        Assert.Contains("sarah.jones@example.com", marked);
        Assert.Contains("07700 900123", marked);
        Assert.Contains("SW1A 1AA", marked);
        Assert.Contains(marked, m => m.Contains("Sarah Jones", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("#personal-data-warning"));
    }

    [Fact]
    public async Task An_action_plan_needs_all_three_declarations_and_nothing_is_submitted_without_them()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: PlanWithPersonalData);
        var client = await app.SignedInAsync(e.Candidate);

        var response = await SubmitAsync(client, id, []);

        var errors = Html.Errors(await Html.ParseAsync(response));
        Assert.Equal(3, errors.Count);
        Assert.Contains("Confirm that the client agreed to their anonymised plan being used as evidence", errors);
        Assert.Null(await app.ScalarAsync<DateTime?>("SELECT submitted_at FROM evidence_revisions WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task Submitting_freezes_the_revision_and_a_new_revision_keeps_the_earlier_one_readable()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = "My first account." });
        var client = await app.SignedInAsync(e.Candidate);

        var response = await SubmitAsync(client, id, new() { ["Input.Anonymised"] = "true", ["Input.Authentic"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/Portfolio/Evidence/Edit?id={id}")).StatusCode);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("UPDATE evidence_revisions SET text = 'changed' WHERE item_id = @id", new { id }));
        }
        var early = await Html.SubmitAsync(client, (await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#revise-form")!);
        Assert.Contains("Your assessor has not returned this revision yet", Html.Errors(await Html.ParseAsync(early)).Single());
        await new Portfolio.Assessment.AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, [], [], "Add more about the client's choices.", returnToCandidate: true);
        var view = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Equal("Add more about the client's choices.", view.QuerySelector("#overall-feedback")!.TextContent);
        await Html.SubmitAsync(client, view.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#revise-form")!);
        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Notes"] = "My second account." });
        var first = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}&revision=1");
        var second = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains("My first account.", first.QuerySelector("#evidence-text")!.TextContent);
        Assert.Contains("My second account.", second.QuerySelector("#evidence-text")!.TextContent);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'evidence.submitted' AND subject_id = @id", new { id }));
    }
}
