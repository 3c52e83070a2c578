using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Portfolio.Hours;
using Portfolio.People;
using Portfolio.Tests.Export;
using static Portfolio.Tests.Pages.HoursSteps;

namespace Portfolio.Tests.Pages.Admin;

public sealed class CohortHoursTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task PlanAsync(EnrolledCandidate e, TestPerson admin) =>
        Assert.Equal(HoursRefusal.None, await new HoursStore(app.DataSource).SavePlanAsync(
            new HoursViewer(e.CentreId, admin.Id, HoursRole.Administrator), e.EnrolmentId, 0,
            new PlanInput(null, Today.AddDays(-100), Today.AddDays(100), 37.5m, 0, null)));

    [Fact]
    public async Task Sorted_by_learning_hours_the_cohort_lists_the_furthest_behind_first_and_those_without_a_plan_last()
    {
        var behind = await app.EnrolledCandidateAsync();
        var ahead = await app.EnrolledCandidateAsync(behind.CentreId);
        var noPlan = await app.EnrolledCandidateAsync(behind.CentreId);
        var person = await app.PersonAsync(behind.CentreId, Role.CentreAdministrator);
        await PlanAsync(behind, person);
        await PlanAsync(ahead, person);
        for (var d = 1; d <= 6; d++)
        {
            await EntryAsync(app, ahead, Today.AddDays(-d), 20 * 60);
        }
        var admin = await app.SignedInAsync(person);

        var page = await Html.GetAsync(admin, "/Admin/Cohort?Sort=hours");

        var rows = page.QuerySelectorAll("#cohort tbody tr").Select(r => r.GetAttribute("data-enrolment")).ToList();
        Assert.Equal(new[] { behind, ahead, noPlan }.Select(e => e.EnrolmentId.ToString(CultureInfo.InvariantCulture)), rows);
        Assert.Contains("Behind", page.QuerySelector($"#hours-{behind.EnrolmentId}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ahead", page.QuerySelector($"#hours-{ahead.EnrolmentId}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No plan yet", page.QuerySelector($"#hours-{noPlan.EnrolmentId}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ascending", page.QuerySelector("#sort-hours")!.ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task The_cohorts_hours_download_as_a_valid_workbook_with_a_line_per_candidate()
    {
        var e = await app.EnrolledCandidateAsync();
        var person = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await PlanAsync(e, person);
        var admin = await app.SignedInAsync(person);

        var response = await admin.GetAsync("/Admin/Cohort?handler=Hours");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var book = WorkbookCheck.Open(stream);
        Assert.Equal(93.5, book.Worksheet("Learning hours").Cell(3, 10).GetDouble());
    }
}
