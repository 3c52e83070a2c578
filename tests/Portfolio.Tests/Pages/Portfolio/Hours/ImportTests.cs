using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using static Portfolio.Tests.Pages.HoursSteps;

namespace Portfolio.Tests.Pages.PortfolioArea.Hours;

public sealed class ImportTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task<HttpResponseMessage> ImportAsync(HttpClient candidate, string csv)
    {
        var page = await Html.GetAsync(candidate, "/Portfolio/Hours/Import");
        return await Html.SubmitAsync(candidate, page.QuerySelector<IHtmlFormElement>("#import-form")!,
            new() { ["Upload"] = new FileUpload("log.csv", Encoding.UTF8.GetBytes(csv), "text/csv") });
    }

    [Fact]
    public async Task A_log_with_every_row_good_is_imported_whole()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var csv = "date,hours,category,learned\n"
            + $"{Day(Today.AddDays(-3))},2,Training course,\"Motivational interviewing, day one\"\n"
            + $"{Today.AddDays(-2):dd/MM/yyyy},1.5,e-learning,Safeguarding refresher\n";

        var imported = await ImportAsync(candidate, csv);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var log = await Html.GetAsync(candidate, imported.Headers.Location!.OriginalString);
        Assert.Contains("Imported 2 activities (3.5 hours)", log.QuerySelector("#status")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("Motivational interviewing, day one", log.QuerySelector("#hours-log")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(210L, await TotalAsync<long>(app, e, "logged_minutes"));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_nothing_is_imported()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var csv = $"date,hours,category,learned\n{Day(Today.AddDays(-3))},2,Shadowing,Fine row\n"
            + $"{Day(Today.AddDays(5))},1,Shadowing,Tomorrow's course\n"
            + $"{Day(Today.AddDays(-1))},30,Mentoring,Too long\n"
            + $"31/02/2026,1,Napping,\n";

        var refused = await Html.ParseAsync(await ImportAsync(candidate, csv));

        var problems = refused.QuerySelectorAll("#import-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("Line 3: the date cannot be in the future", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 4: a day holds at most 24 hours", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Line 5: the date '31/02/2026' is not a date", problems[2], StringComparison.Ordinal);
        Assert.Contains("'Napping' is not a category", problems[2], StringComparison.Ordinal);
        Assert.Contains("say what you learned", problems[2], StringComparison.Ordinal);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM learning_hours WHERE enrolment_id = @id",
            new { id = e.EnrolmentId }));
    }

    [Fact]
    public async Task Rows_that_with_what_is_logged_already_would_fill_a_day_past_24_hours_are_refused_together()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        await EntryAsync(app, e, Today.AddDays(-1), 10 * 60);
        var day = Day(Today.AddDays(-1));

        var refused = await Html.ParseAsync(await ImportAsync(candidate,
            $"learned,date,hours,category\nMorning,{day},8,Shadowing\nEvening,{day},7,Shadowing\n"));

        Assert.StartsWith("Lines 2, 3:", refused.QuerySelector("#import-problems li")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(600L, await TotalAsync<long>(app, e, "logged_minutes"));
    }

    [Fact]
    public async Task A_file_without_the_named_columns_is_refused_on_line_1()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);

        var refused = await Html.ParseAsync(await ImportAsync(candidate, "when,how long\n2026-01-01,2\n"));

        Assert.StartsWith("Line 1: the header row has no column date, hours, category, learned",
            refused.QuerySelector("#import-problems li")!.TextContent, StringComparison.Ordinal);
    }
}
