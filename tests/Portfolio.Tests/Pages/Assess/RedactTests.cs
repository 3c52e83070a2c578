using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Assess;

public sealed class RedactTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_assessor_redacts_a_finding_the_advice_offers_then_a_typed_name_and_the_annotation_quoting_it()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, content: new EvidenceContent { Notes = "Client: Jordan Whitfield. Jordan set her own goals." });
        var text = await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        await new EvidenceStore(app.DataSource).AnnotateAsync(e.CentreId, e.Candidate.Id, id, new EvidenceStore.NewAnnotation(
            AnnotationAnchor.FromQuote(text, "Jordan set her own goals").Anchor, null, null, "Shows 1.1.6", [await app.PointIdAsync(e.VersionId, "1.1.6")]));
        await new EvidenceStore(app.DataSource).SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true);
        var assessor = await app.SignedInAsync(e.Assessor);
        var review = await Html.GetAsync(assessor, $"/Assess/Review?id={id}");
        var link = review.QuerySelectorAll("#personal-data-advice li").First(li => li.TextContent.Contains("Jordan Whitfield")).QuerySelector("a")!;
        var form = await Html.GetAsync(assessor, link.GetAttribute("href")!);
        Assert.Equal("Jordan Whitfield", form.QuerySelector<IHtmlTextAreaElement>("#Input_Passage")!.Value);

        await Html.SubmitAsync(assessor, form.QuerySelector<IHtmlFormElement>("#redact-form")!, new());
        var typed = await Html.GetAsync(assessor, $"/Assess/Redact?id={id}");
        await Html.SubmitAsync(assessor, typed.QuerySelector<IHtmlFormElement>("#redact-form")!,
            new() { ["Input.Passage"] = "Jordan", ["Input.Reason"] = "The client's first name" });

        var after = await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        Assert.DoesNotContain("Jordan", after);
        Assert.Contains("Client: [redacted]. [redacted] set her own goals.", after);
        var quote = await app.ScalarAsync<string>("SELECT quote_exact || quote_prefix || quote_suffix FROM annotations WHERE item_id = @id", new { id });
        Assert.DoesNotContain("Jordan", quote);
        Assert.Equal("[redacted] set her own goals", await app.ScalarAsync<string>("SELECT quote_exact FROM annotations WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task Another_assessors_candidate_cannot_be_redacted()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.SubmittedAsync(app, e);
        var other = await app.EnrolledCandidateAsync(e.CentreId);

        var response = await (await app.SignedInAsync(other.Assessor)).GetAsync($"/Assess/Redact?id={id}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
