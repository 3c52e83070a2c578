using System.Net;
using Portfolio.Rubrics;
using Portfolio.Tests.Export;

namespace Portfolio.Tests.Pages.Verify;

public sealed class ReportTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_verification_report_validates_and_holds_each_sampled_decision_filtered_by_assessor()
    {
        var a = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, a, EvidenceKind.ActionPlan, "=HYPERLINK(\"http://x\",\"y\") plan", "1.1.1");
        var b = await QualitySteps.AnotherCandidateAsync(app, a);
        await QualitySteps.ReturnedAsync(app, b, EvidenceKind.ProgressReview, "Review.", "1.2.1");
        var ids = await QualitySteps.SampleAllAsync(app, a);
        await QualitySteps.Store(app).RecordAsync(a.CentreId, a.Iqa.Id, ids[0], "disagree", "=1+1 dates missing", "Re-judge 1.1.1\nTalk to the candidate");
        var iqa = await app.SignedInAsync(a.Iqa);

        var all = await iqa.GetAsync("/Verify/Report?handler=Download");
        var one = await iqa.GetAsync($"/Verify/Report?handler=Download&Filter.AssessorId={a.Assessor.Id}");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", all.Content.Headers.ContentType!.MediaType);
        using var book = WorkbookCheck.Open(new MemoryStream(await all.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet(1);
        WorkbookCheck.AssertNoFormulas(sheet);
        Assert.Equal("Assessor", sheet.Cell(2, 3).GetString());
        var rows = sheet.RowsUsed().Skip(2).ToList();
        Assert.Equal(2, rows.Count);
        var disagreed = rows.Single(r => r.Cell(10).GetString() == "Disagree");
        Assert.Equal(a.Assessor.DisplayName, disagreed.Cell(3).GetString());
        Assert.Equal(a.Candidate.DisplayName, disagreed.Cell(4).GetString());
        Assert.Equal("1.1", disagreed.Cell(5).GetString());
        Assert.Equal("Action plan", disagreed.Cell(6).GetString());
        Assert.Equal("Interim", disagreed.Cell(7).GetString());
        Assert.Equal("=1+1 dates missing", disagreed.Cell(11).GetString().TrimStart('\''));
        Assert.Contains("Talk to the candidate (open)", disagreed.Cell(12).GetString());
        Assert.True(disagreed.Cell(13).DataType == ClosedXML.Excel.XLDataType.DateTime);
        using var filtered = WorkbookCheck.Open(new MemoryStream(await one.Content.ReadAsByteArrayAsync()));
        Assert.Single(filtered.Worksheet(1).RowsUsed().Skip(2));
    }

    [Fact]
    public async Task The_sample_list_filters_by_dates_and_refuses_an_end_before_the_start()
    {
        var e = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "Plan.", "1.1.1");
        await QualitySteps.SampleAllAsync(app, e);
        var iqa = await app.SignedInAsync(e.Iqa);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Single((await Html.GetAsync(iqa, $"/Verify/Report?Filter.From={today}&Filter.Until={today}")).QuerySelectorAll("#samples tr[data-sample]"));
        Assert.NotNull((await Html.GetAsync(iqa, "/Verify/Report?Filter.From=2020-01-01&Filter.Until=2020-01-31")).QuerySelector("#no-samples"));
        Assert.Contains("on or after the start date", Html.Errors(await Html.GetAsync(iqa, "/Verify/Report?Filter.From=2026-02-01&Filter.Until=2026-01-01")).Single());
    }

    [Fact]
    public async Task Samples_are_listed_fifty_at_a_time_newest_first_with_their_total()
    {
        var e = await app.EnrolledCandidateAsync();
        for (var i = 0; i < 51; i++)
        {
            await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, $"Plan {i}.", "1.1.1");
        }
        var ids = await QualitySteps.SampleAllAsync(app, e);
        var iqa = await app.SignedInAsync(e.Iqa);

        var first = await Html.GetAsync(iqa, "/Verify/Report");
        var second = await Html.GetAsync(iqa, first.QuerySelector("#next-page")!.GetAttribute("href")!);

        Assert.Contains("51 samples, 1 to 50 shown", first.QuerySelector("#samples-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, first.QuerySelectorAll("#samples tr[data-sample]").Length);
        Assert.Equal(ids.Max().ToString(System.Globalization.CultureInfo.InvariantCulture),
            first.QuerySelector("#samples tr[data-sample]")!.GetAttribute("data-sample"));
        Assert.Equal([ids.Min().ToString(System.Globalization.CultureInfo.InvariantCulture)],
            second.QuerySelectorAll("#samples tr[data-sample]").Select(r => r.GetAttribute("data-sample")));
        Assert.Equal(e.Assessor.DisplayName, first.QuerySelectorAll("#Filter_AssessorId option").Skip(1).Single().TextContent);
    }
}
