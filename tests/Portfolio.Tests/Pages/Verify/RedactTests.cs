using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Verify;

public sealed class RedactTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    const string Notes = "I rang the client on 07700 900461 to agree her goals. She set her own dates.";

    [Fact]
    public async Task An_internal_quality_assurer_redacts_a_typed_passage_from_the_evidence_its_sample_and_search()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, Notes, "1.1.1");
        await QualitySteps.SampleAllAsync(app, e);
        var iqa = await app.SignedInAsync(e.Iqa);
        var evidence = await Html.GetAsync(iqa, $"/Verify/Evidence?id={item}");
        var form = await Html.GetAsync(iqa, evidence.QuerySelector("#redact-passage")!.GetAttribute("href")!);

        var response = await Html.SubmitAsync(iqa, form.QuerySelector<IHtmlFormElement>("#redact-form")!,
            new() { ["Input.Passage"] = "07700 900461", ["Input.Reason"] = "The client's mobile number" });

        Assert.Equal($"/Verify/Evidence?id={item}", response.Headers.Location?.OriginalString);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM evidence_revisions WHERE item_id = @item AND text LIKE '%900461%'", new { item }));
        Assert.Contains("[redacted]", await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @item", new { item }));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM qa_samples WHERE item_id = @item AND snapshot::text LIKE '%900461%'", new { item }));
        Assert.Equal(0, await app.ScalarAsync<int>(
            "SELECT count(*) FROM evidence_revisions WHERE item_id = @item AND search @@ plainto_tsquery('english', '900461')", new { item }));
        Assert.Equal("The client's mobile number", await app.ScalarAsync<string>(
            "SELECT after->>'reason' FROM audit_events WHERE action = 'evidence.redacted' AND subject_id = @item", new { item }));
        var audit = await Html.GetAsync(iqa, $"/Verify/Audit?enrolmentId={e.EnrolmentId}");
        Assert.DoesNotContain("900461", audit.Body!.TextContent);
        Assert.Contains("Passage redacted", audit.QuerySelector("tr[data-action='evidence.redacted']")!.TextContent);
    }

    [Fact]
    public async Task A_passage_not_in_the_text_and_an_empty_reason_redisplay_the_form_and_change_nothing()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, Notes, "1.1.1");
        var iqa = await app.SignedInAsync(e.Iqa);
        var form = await Html.GetAsync(iqa, $"/Verify/Redact?id={item}");

        var empty = await Html.ParseAsync(await Html.SubmitAsync(iqa, form.QuerySelector<IHtmlFormElement>("#redact-form")!,
            new() { ["Input.Passage"] = "07700 900461", ["Input.Reason"] = "" }));
        var absent = await Html.ParseAsync(await Html.SubmitAsync(iqa, form.QuerySelector<IHtmlFormElement>("#redact-form")!,
            new() { ["Input.Passage"] = "01632 960000", ["Input.Reason"] = "A number" }));

        Assert.Contains("Say why the passage is redacted", Html.Errors(empty));
        Assert.Contains(Html.Errors(absent), m => m.StartsWith("That passage is not in the text", StringComparison.Ordinal));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM evidence_revisions WHERE item_id = @item AND text LIKE '%900461%'", new { item }));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'evidence.redacted'"));
    }

    [Fact]
    public async Task A_redaction_from_a_page_opened_before_another_redaction_is_refused()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, Notes, "1.1.1");
        var iqa = await app.SignedInAsync(e.Iqa);
        var first = await Html.GetAsync(iqa, $"/Verify/Redact?id={item}");
        var second = await Html.GetAsync(iqa, $"/Verify/Redact?id={item}");
        await Html.SubmitAsync(iqa, first.QuerySelector<IHtmlFormElement>("#redact-form")!,
            new() { ["Input.Passage"] = "07700 900461", ["Input.Reason"] = "Phone number" });

        var stale = await Html.ParseAsync(await Html.SubmitAsync(iqa, second.QuerySelector<IHtmlFormElement>("#redact-form")!,
            new() { ["Input.Passage"] = "her own dates", ["Input.Reason"] = "Testing" }));

        Assert.Contains(Html.Errors(stale), m => m.StartsWith("The evidence changed after you opened this page", StringComparison.Ordinal));
        Assert.Contains("her own dates", await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @item", new { item }));
    }

    [Fact]
    public async Task Another_centres_evidence_cannot_be_redacted()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.OtherDocument, Notes, "1.1.1");
        var other = await app.EnrolledCandidateAsync(await app.CentreAsync("Another centre"));

        var response = await (await app.SignedInAsync(other.Iqa)).GetAsync($"/Verify/Redact?id={item}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
