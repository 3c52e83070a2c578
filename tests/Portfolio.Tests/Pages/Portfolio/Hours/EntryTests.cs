using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using static Portfolio.Tests.Pages.HoursSteps;

namespace Portfolio.Tests.Pages.PortfolioArea.Hours;

public sealed class EntryTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Logging_an_activity_adds_it_to_the_log_and_to_the_hours_that_count()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);

        var saved = await LogAsync(candidate, Today.AddDays(-1), "2.5");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var log = await Html.GetAsync(candidate, saved.Headers.Location!.OriginalString);
        Assert.Contains("Logged 2.5 hours of shadowing", log.QuerySelector("#status")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal("2.5", log.QuerySelector($"#hours-{e.EnrolmentId}-logged")!.TextContent);
        Assert.Equal(150L, await TotalAsync<long>(app, e, "logged_minutes"));
    }

    [Fact]
    public async Task An_activity_dated_in_the_future_is_refused_with_a_clear_message_and_nothing_saved()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);

        var refused = await Html.ParseAsync(await LogAsync(candidate, Today.AddDays(2), "1"));

        Assert.Contains(Html.Errors(refused), m => m.StartsWith("The date cannot be in the future",
            StringComparison.Ordinal));
        Assert.Equal("How an adviser opens a first guidance interview.",
            refused.QuerySelector<IHtmlTextAreaElement>("#Input_Learned")!.Value);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM learning_hours WHERE enrolment_id = @id",
            new { id = e.EnrolmentId }));
    }

    [Fact]
    public async Task A_day_that_would_hold_more_than_24_hours_is_refused_saying_what_the_day_already_holds()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        await EntryAsync(app, e, Today, 20 * 60);

        var refused = await Html.ParseAsync(await LogAsync(candidate, Today, "4.5"));

        Assert.Contains(Html.Errors(refused), m => m.Contains("already has 20 hours logged", StringComparison.Ordinal));
        Assert.Equal(1200L, await TotalAsync<long>(app, e, "logged_minutes"));
    }

    [Fact]
    public async Task A_progress_review_is_logged_but_kept_out_of_the_total_and_the_log_says_why()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);

        var saved = await LogAsync(candidate, Today, "1", category: "progress-review");

        var log = await Html.GetAsync(candidate, saved.Headers.Location!.OriginalString);
        Assert.Contains("do not count towards your hours", log.QuerySelector("#status")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("not counted: a progress review looks back at learning",
            log.QuerySelector("#hours-log")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal((0L, 60L), (await TotalAsync<long>(app, e, "logged_minutes"), await TotalAsync<long>(app, e,
            "not_counted_minutes")));
    }

    [Fact]
    public async Task Changing_an_activity_that_was_changed_meanwhile_is_refused_and_shows_it_as_saved_now()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var id = await EntryAsync(app, e, Today, 60);
        var form = (await Html.GetAsync(candidate,
            $"/Portfolio/Hours/Entry?id={id}")).QuerySelector<IHtmlFormElement>("#entry-form")!;
        await app.ScalarAsync<int>("UPDATE learning_hours SET minutes = 90 WHERE id = @id RETURNING 1", new { id });

        var refused = await Html.ParseAsync(await Html.SubmitAsync(candidate, form, new() { ["Input.Hours"] = "3" },
            "#save"));

        Assert.Contains(Html.Errors(refused), m => m.Contains("changed meanwhile", StringComparison.Ordinal));
        Assert.Contains("1.5 hours", refused.QuerySelector("#current")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(90, await app.ScalarAsync<int>("SELECT minutes FROM learning_hours WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_confirmed_activity_can_no_longer_be_changed_or_deleted()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var id = await EntryAsync(app, e, Today, 60);
        var form = (await Html.GetAsync(candidate,
            $"/Portfolio/Hours/Entry?id={id}")).QuerySelector<IHtmlFormElement>("#entry-form")!;
        await app.ScalarAsync<int>("UPDATE learning_hours SET status = 'confirmed' WHERE id = @id RETURNING 1",
            new { id });

        var refused = await Html.ParseAsync(await Html.SubmitAsync(candidate, form, null, "#delete"));

        Assert.Contains(Html.Errors(refused), m => m.Contains("confirmed this activity meanwhile",
            StringComparison.Ordinal));
        Assert.NotNull((await Html.GetAsync(candidate, $"/Portfolio/Hours/Entry?id={id}")).QuerySelector("#confirmed"));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM learning_hours WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Deleting_an_activity_takes_it_out_of_the_total()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var id = await EntryAsync(app, e, Today, 60);
        var form = (await Html.GetAsync(candidate,
            $"/Portfolio/Hours/Entry?id={id}")).QuerySelector<IHtmlFormElement>("#entry-form")!;

        var deleted = await Html.SubmitAsync(candidate, form, null, "#delete");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0L, await TotalAsync<long>(app, e, "logged_minutes"));
    }

    [Fact]
    public async Task Another_candidates_activity_is_not_found()
    {
        var e = await app.EnrolledCandidateAsync();
        var other = await app.EnrolledCandidateAsync(e.CentreId);
        var id = await EntryAsync(app, other, Today, 60);
        var candidate = await app.SignedInAsync(e.Candidate);

        Assert.Equal(HttpStatusCode.NotFound, (await candidate.GetAsync($"/Portfolio/Hours/Entry?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await candidate.GetAsync($"/Portfolio/Hours?enrolmentId={other.EnrolmentId}")).StatusCode);
    }
}
