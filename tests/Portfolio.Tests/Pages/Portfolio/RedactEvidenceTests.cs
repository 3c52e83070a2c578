using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;

namespace Portfolio.Tests.Pages.PortfolioArea;

public sealed class RedactEvidenceTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_candidate_redacts_a_finding_from_the_edit_pages_advice_and_the_audit_keeps_no_trace_of_it()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, content: new EvidenceContent { Notes = "She lives at 14 Albert Road and wants to train as a chef." });
        var client = await app.SignedInAsync(e.Candidate);
        var edit = await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}");
        var form = await Html.GetAsync(client, edit.QuerySelector("#personal-data-advice a.app-redact-link")!.GetAttribute("href")!);

        var response = await Html.SubmitAsync(client, form.QuerySelector<IHtmlFormElement>("#redact-form")!, new());

        Assert.Equal($"/Portfolio/Evidence/View?id={id}", response.Headers.Location?.OriginalString);
        Assert.Equal("She lives at [redacted] and wants to train as a chef.", (await app.ScalarAsync<string>(
            "SELECT content->>'notes' FROM evidence_revisions WHERE item_id = @id", new { id })));
        Assert.Equal(0, await app.ScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE concat(before, after) LIKE '%Albert%'"));
        Assert.Equal("A street address found by the confidentiality check", await app.ScalarAsync<string>(
            "SELECT after->>'reason' FROM audit_events WHERE action = 'evidence.redacted' AND subject_id = @id", new { id }));
    }

    [Fact]
    public async Task Once_submitted_the_candidate_is_told_to_ask_the_assessor()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.SubmittedAsync(app, e);
        var client = await app.SignedInAsync(e.Candidate);
        var form = await Html.GetAsync(client, $"/Portfolio/Evidence/Redact?id={id}");

        var refused = await Html.ParseAsync(await Html.SubmitAsync(client, form.QuerySelector<IHtmlFormElement>("#redact-form")!,
            new() { ["Input.Passage"] = "her own goals", ["Input.Reason"] = "Testing" }));

        Assert.Contains(Html.Errors(refused), m => m.Contains("ask your assessor", StringComparison.Ordinal));
        Assert.Contains("her own goals", await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id }));
    }
}
