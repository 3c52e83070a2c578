using AngleSharp.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class DashboardTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_dashboard_counts_only_this_centres_people_qualifications_and_enrolments()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        await app.PersonAsync(centre, Role.Candidate);
        await app.PersonAsync(await app.CentreAsync("Elsewhere"), Role.Candidate);
        await DemoRubric.ImportAsync(app, centre);

        var page = await Html.GetAsync(admin, "/Admin");

        Assert.Equal("2 active people", page.QuerySelector("#people-count")!.TextContent);
        Assert.Equal("1 qualification, 1 rubric version", page.QuerySelector("#qualifications-count")!.TextContent);
        Assert.Equal("0 enrolments, 0 without an assessor", page.QuerySelector("#enrolments-count")!.TextContent);
        Assert.Equal("/Admin/People", page.QuerySelector("#people-link")!.GetAttribute("href"));
    }
}
