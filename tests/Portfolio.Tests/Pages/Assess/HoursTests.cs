using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using static Portfolio.Tests.Pages.HoursSteps;

namespace Portfolio.Tests.Pages.Assess;

public sealed class HoursTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task<HttpResponseMessage> DecideAsync(HttpClient assessor, EnrolledCandidate e, long id, string button,
        string comment = "")
    {
        var page = await Html.GetAsync(assessor, $"/Assess/Hours?enrolmentId={e.EnrolmentId}");
        return await Html.SubmitAsync(assessor, page.QuerySelector<IHtmlFormElement>($"#decide-{id}")!,
            new() { ["Comment"] = comment }, button);
    }

    [Fact]
    public async Task Confirming_an_activity_counts_its_hours_as_confirmed()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EntryAsync(app, e, Today, 90);
        var assessor = await app.SignedInAsync(e.Assessor);

        var confirmed = await DecideAsync(assessor, e, id, $"#confirm-{id}");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var page = await Html.GetAsync(assessor, confirmed.Headers.Location!.OriginalString);
        Assert.Equal("Confirmed", page.QuerySelector($"#status-{id}")!.TextContent);
        Assert.Equal("1.5", page.QuerySelector($"#hours-{e.EnrolmentId}-confirmed")!.TextContent);
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE action = 'hours.confirmed' AND subject_id = @id", new { id }));
    }

    [Fact]
    public async Task A_queried_activity_goes_back_to_the_candidate_with_the_comment_and_a_notification()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EntryAsync(app, e, Today, 90);
        var assessor = await app.SignedInAsync(e.Assessor);

        await DecideAsync(assessor, e, id, $"#query-{id}", "Which visit was this? Link the write-up, please.");

        var candidate = await app.SignedInAsync(e.Candidate);
        var entry = await Html.GetAsync(candidate, $"/Portfolio/Hours/Entry?id={id}");
        Assert.Contains("Which visit was this?", entry.QuerySelector("#query")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0L, await TotalAsync<long>(app, e, "logged_minutes"));
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE person_id = @id AND text LIKE '%queried%'",
                new { id = e.Candidate.Id }));

        await LogAsync(candidate, Today, "1.5", id: id);

        Assert.Equal("logged", await app.ScalarAsync<string>("SELECT status FROM learning_hours WHERE id = @id",
            new { id }));
        Assert.Equal(90L, await TotalAsync<long>(app, e, "logged_minutes"));
    }

    [Fact]
    public async Task Querying_without_a_comment_is_refused_and_changes_nothing()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EntryAsync(app, e, Today, 30);
        var assessor = await app.SignedInAsync(e.Assessor);

        var refused = await Html.ParseAsync(await DecideAsync(assessor, e, id, $"#query-{id}"));

        Assert.Contains(Html.Errors(refused), m => m.StartsWith("Say what the candidate should check",
            StringComparison.Ordinal));
        Assert.Equal("logged", await app.ScalarAsync<string>("SELECT status FROM learning_hours WHERE id = @id",
            new { id }));
    }

    [Fact]
    public async Task Deciding_on_an_activity_the_candidate_changed_meanwhile_is_refused()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EntryAsync(app, e, Today, 30);
        var assessor = await app.SignedInAsync(e.Assessor);
        var form = (await Html.GetAsync(assessor, $"/Assess/Hours?enrolmentId={e.EnrolmentId}"))
            .QuerySelector<IHtmlFormElement>($"#decide-{id}")!;
        await app.ScalarAsync<int>("UPDATE learning_hours SET minutes = 300 WHERE id = @id RETURNING 1", new { id });

        var refused = await Html.ParseAsync(await Html.SubmitAsync(assessor, form, null, $"#confirm-{id}"));

        Assert.Contains(Html.Errors(refused), m => m.Contains("changed this activity meanwhile",
            StringComparison.Ordinal));
        Assert.Equal("logged", await app.ScalarAsync<string>("SELECT status FROM learning_hours WHERE id = @id",
            new { id }));
    }

    [Fact]
    public async Task Another_assessors_candidate_is_not_found()
    {
        var e = await app.EnrolledCandidateAsync();
        var other = await app.EnrolledCandidateAsync(e.CentreId);
        var assessor = await app.SignedInAsync(e.Assessor);

        Assert.Equal(HttpStatusCode.NotFound,
            (await assessor.GetAsync($"/Assess/Hours?enrolmentId={other.EnrolmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await assessor.GetAsync($"/Assess/HoursPlan?enrolmentId={other.EnrolmentId}")).StatusCode);
    }

    [Fact]
    public async Task The_caseload_and_the_candidates_dashboard_show_the_pace_of_their_learning_hours()
    {
        var e = await app.EnrolledCandidateAsync();
        await new Portfolio.Hours.HoursStore(app.DataSource).SavePlanAsync(
            new(e.CentreId, e.Assessor.Id, Portfolio.Hours.HoursRole.Assessor), e.EnrolmentId, 0,
            new(null, Today.AddDays(-10), Today.AddDays(10), 30, 0, null));
        var assessor = await app.SignedInAsync(e.Assessor);
        var candidate = await app.SignedInAsync(e.Candidate);

        var caseload = await Html.GetAsync(assessor, "/Assess");
        var dashboard = await Html.GetAsync(candidate, "/Portfolio");

        Assert.Contains("Behind", caseload.QuerySelector($"#hours-cell-{e.EnrolmentId}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Behind", dashboard.QuerySelector($"#hours-{e.EnrolmentId}-pace")!.TextContent);
        Assert.Equal("93.5", dashboard.QuerySelector($"#hours-{e.EnrolmentId}-expected")!.TextContent);
    }
}
