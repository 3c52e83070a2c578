using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Portfolio.People;
using static Portfolio.Tests.Pages.HoursSteps;

namespace Portfolio.Tests.Pages.Admin;

public sealed class HoursPlanTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static Dictionary<string, object> Plan(DateOnly start, DateOnly end, string prior = "0",
        string reason = "") => new()
    {
        ["Input.RequiredHours"] = "", ["Input.StartDate"] = Day(start), ["Input.PlannedEndDate"] = Day(end),
        ["Input.WeeklyHours"] = "37.5", ["Input.PriorLearningHours"] = prior, ["Input.PriorLearningReason"] = reason,
    };

    async Task<(EnrolledCandidate E, HttpClient Admin, IHtmlFormElement Form)> FormAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var page = await Html.GetAsync(admin, $"/Admin/Enrolments/Hours?enrolmentId={e.EnrolmentId}");
        return (e, admin, page.QuerySelector<IHtmlFormElement>("#plan-form")!);
    }

    [Fact]
    public async Task A_plan_with_prior_learning_takes_the_reduction_off_the_qualifications_hours_and_is_audited()
    {
        var (e, admin, form) = await FormAsync();

        var saved = await Html.SubmitAsync(admin, form, Plan(Today.AddDays(-100), Today.AddDays(100), "37",
            "Certificate in guidance skills checked against the standard"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await Html.GetAsync(admin, saved.Headers.Location!.OriginalString);
        Assert.StartsWith("150", page.QuerySelector("#plan-required")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("75", page.QuerySelector($"#hours-{e.EnrolmentId}-expected")!.TextContent);
        Assert.Equal("Behind", page.QuerySelector($"#hours-{e.EnrolmentId}-pace")!.TextContent);
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE action = 'hours.plan-created' AND subject_id = @id",
                new { id = e.EnrolmentId }));
    }

    [Fact]
    public async Task A_reduction_without_a_reason_is_refused_and_nothing_is_saved()
    {
        var (e, admin, form) = await FormAsync();

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, form, Plan(Today, Today.AddDays(300), "20")));

        Assert.Contains(Html.Errors(refused), m => m.StartsWith("Give the reason for the reduction",
            StringComparison.Ordinal));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM learning_plans WHERE enrolment_id = @id",
            new { id = e.EnrolmentId }));
    }

    [Fact]
    public async Task A_planned_end_before_the_start_is_refused()
    {
        var (_, admin, form) = await FormAsync();

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, form, Plan(Today, Today.AddDays(-1))));

        Assert.Contains("The planned end date must be after the start date", Html.Errors(refused));
    }

    [Fact]
    public async Task A_plan_saved_meanwhile_is_not_overwritten_and_is_shown()
    {
        var (e, admin, form) = await FormAsync();
        var second = (await Html.GetAsync(admin, $"/Admin/Enrolments/Hours?enrolmentId={e.EnrolmentId}"))
            .QuerySelector<IHtmlFormElement>("#plan-form")!;
        await Html.SubmitAsync(admin, form, Plan(Today, Today.AddDays(365)));

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, second, Plan(Today, Today.AddDays(30))));

        Assert.Contains(Html.Errors(refused), m => m.StartsWith("Someone else saved this plan meanwhile",
            StringComparison.Ordinal));
        Assert.NotNull(refused.QuerySelector("#plan-summary"));
        Assert.Equal(365, await app.ScalarAsync<int>(
            "SELECT planned_end_date - start_date FROM learning_plans WHERE enrolment_id = @id",
                new { id = e.EnrolmentId }));
    }

    [Fact]
    public async Task Another_centres_enrolment_is_not_found()
    {
        var e = await app.EnrolledCandidateAsync();
        var elsewhere = await app.CentreAsync("Elsewhere");
        var admin = await app.SignedInAsync(await app.PersonAsync(elsewhere, Role.CentreAdministrator));

        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.GetAsync($"/Admin/Enrolments/Hours?enrolmentId={e.EnrolmentId}")).StatusCode);
    }
}
