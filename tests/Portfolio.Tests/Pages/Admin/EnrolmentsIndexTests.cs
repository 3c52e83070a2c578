using System.Net;
using AngleSharp.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class EnrolmentsIndexTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task An_enrolled_candidate_is_listed_with_their_assessor_and_the_unassigned_are_found_by_the_no_assessor_filter()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var version = (await DemoRubric.ImportAsync(app, centre)).VersionId!.Value;
        var (assessor, iqa) = (await app.PersonAsync(centre, Role.Assessor), await app.PersonAsync(centre, Role.InternalQualityAssurer));
        var (alice, bob) = (await app.PersonAsync(centre, Role.Candidate), await app.PersonAsync(centre, Role.Candidate));

        Assert.Equal(HttpStatusCode.Redirect, (await EnrolCandidateTests.EnrolAsync(admin, alice, version, assessor, iqa)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await EnrolCandidateTests.EnrolAsync(admin, bob, version, null)).StatusCode);

        var list = await Html.GetAsync(admin, "/Admin/Enrolments");
        var mine = await Html.GetAsync(admin, $"/Admin/Enrolments?AssessorId={assessor.Id}");
        var unassigned = await Html.GetAsync(admin, "/Admin/Enrolments?AssessorId=0");

        Assert.Contains("2 enrolments", list.QuerySelector("#enrolment-total")!.TextContent, StringComparison.Ordinal);
        var row = mine.QuerySelector("#enrolments tbody tr")!;
        Assert.Single(mine.QuerySelectorAll("#enrolments tbody tr"));
        Assert.Contains(alice.DisplayName, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(assessor.DisplayName, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(iqa.DisplayName, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("PCG-L4-DEMO version 1", row.TextContent, StringComparison.Ordinal);
        Assert.Equal([bob.DisplayName], unassigned.QuerySelectorAll("#enrolments tbody tr td:first-child").Select(td => td.TextContent));
    }
}
