using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Tests.Export;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>An annotation that names marking points claims them for its item, as a mapping does.</summary>
public sealed partial class ViewEvidenceTests
{
    async Task<HttpResponseMessage> AnnotateAsync(HttpClient client, EnrolledCandidate e, long id, string quote, string comment, params string[] codes)
    {
        var points = new List<string>();
        foreach (var code in codes)
        {
            points.Add((await app.PointIdAsync(e.VersionId, code)).ToString(CultureInfo.InvariantCulture));
        }
        return await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form",
            new() { ["Annotation.Quote"] = quote, ["Annotation.Comment"] = comment, ["Annotation.PointIds"] = points.ToArray() });
    }

    Task<long> ClaimsAsync(long id, string code) => app.ScalarAsync<long>(
        "SELECT count(*) FROM mappings m JOIN marking_points mp ON mp.id = m.marking_point_id WHERE m.item_id = @id AND mp.code = @code",
        new { id, code });

    [Fact]
    public async Task An_annotation_naming_a_marking_point_claims_it_in_the_matrix_progress_review_and_workbook()
    {
        var (e, id, client) = await ItemWithTextAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await AnnotateAsync(client, e, id, "set the date", "Shows 1.1.6", "1.1.6")).StatusCode);

        var view = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains("Shows 1.1.6", view.QuerySelector("#mappings tr[data-point='1.1.6']")!.TextContent);
        var matrix = await Html.GetAsync(client, "/Portfolio/Matrix");
        Assert.Equal("Claimed", matrix.QuerySelector("#matrix tr[data-point='1.1.6']")!.GetAttribute("data-status"));
        Assert.Contains("1 claimed", (await Html.GetAsync(client, "/Portfolio")).QuerySelector($"#progress-{e.EnrolmentId}-1\\.1")!.TextContent);
        using (var book = WorkbookCheck.Open(new MemoryStream(await client.GetByteArrayAsync("/Portfolio/Matrix?handler=Download"))))
        {
            var row = book.Worksheet("Evidence matrix").RowsUsed().First(r => r.Cell(3).GetString() == "1.1.6");
            Assert.Equal("Claimed", row.Cell(5).GetString());
        }
        await new EvidenceStore(app.DataSource).SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true);
        var assessor = await app.SignedInAsync(e.Assessor);
        Assert.NotNull((await Html.GetAsync(assessor, $"/Assess/Review?id={id}")).QuerySelector("#judgement-form fieldset[data-point='1.1.6']"));
        Assert.Contains("1 claimed", (await Html.GetAsync(assessor, "/Assess")).QuerySelector($"#caseload tr[data-enrolment='{e.EnrolmentId}']")!.TextContent);
    }

    [Fact]
    public async Task Removing_an_annotation_withdraws_the_claims_it_alone_made_and_moves_shared_ones_to_another_annotation()
    {
        var (e, id, client) = await ItemWithTextAsync();
        await EvidenceTestSteps.OnViewAsync(client, id, "#map-form", new()
        {
            ["Mapping.PointId"] = (await app.PointIdAsync(e.VersionId, "1.1.1")).ToString(CultureInfo.InvariantCulture), ["Mapping.Rationale"] = "Mapped myself",
        });
        await AnnotateAsync(client, e, id, "set the date", "Dated", "1.1.6", "1.1.1", "1.1.3");
        await AnnotateAsync(client, e, id, "three small steps", "Small steps", "1.1.3");
        var first = await app.ScalarAsync<long>("SELECT min(id) FROM annotations WHERE item_id = @id", new { id });

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var response = await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>(
            $"#annotation-{first} form")!, new(), $"#delete-annotation-{first}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await ClaimsAsync(id, "1.1.6"));
        Assert.Equal("Mapped myself", await app.ScalarAsync<string>(
            "SELECT rationale FROM mappings m JOIN marking_points mp ON mp.id = m.marking_point_id WHERE m.item_id = @id AND mp.code = '1.1.1'", new { id }));
        Assert.Equal("Small steps", await app.ScalarAsync<string>(
            "SELECT a.comment FROM mappings m JOIN marking_points mp ON mp.id = m.marking_point_id JOIN annotations a ON a.id = m.annotation_id WHERE m.item_id = @id AND mp.code = '1.1.3'", new { id }));
    }

    [Fact]
    public async Task Removing_an_annotation_keeps_the_claim_an_assessor_has_judged()
    {
        var (e, id, client) = await ItemWithTextAsync();
        await AnnotateAsync(client, e, id, "set the date", "Dated", "1.1.6");
        var store = new EvidenceStore(app.DataSource);
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true);
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
            [new JudgementInput(await app.PointIdAsync(e.VersionId, "1.1.6"), Outcome.NotYet, "Say who agreed the date.")], [], "", true));
        await store.ReviseAsync(e.CentreId, e.Candidate.Id, id);
        var annotation = await app.ScalarAsync<long>("SELECT id FROM annotations WHERE item_id = @id", new { id });

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>($"#annotation-{annotation} form")!, new(),
            $"#delete-annotation-{annotation}");

        Assert.Equal(1, await ClaimsAsync(id, "1.1.6"));
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM judgements WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task Removing_a_claim_takes_its_marking_point_off_the_annotations_that_named_it()
    {
        var (e, id, client) = await ItemWithTextAsync();
        await AnnotateAsync(client, e, id, "set the date", "Dated", "1.1.6", "1.1.1");
        var mapping = await app.ScalarAsync<long>(
            "SELECT m.id FROM mappings m JOIN marking_points mp ON mp.id = m.marking_point_id WHERE m.item_id = @id AND mp.code = '1.1.6'", new { id });

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        await Html.SubmitAsync(client, (IHtmlFormElement)page.QuerySelector("[id='unmap-1.1.6']")!.Closest("form")!, new(),
            "[id='unmap-1.1.6']");

        Assert.Equal(0, await ClaimsAsync(id, "1.1.6"));
        var after = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains("Shows 1.1.1", after.QuerySelector("#annotations")!.TextContent);
        Assert.DoesNotContain("1.1.6", after.QuerySelector("#annotations")!.TextContent);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM mappings WHERE id = @mapping", new { mapping }));
    }
}
