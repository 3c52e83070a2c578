using System.Net;
using AngleSharp.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class EnrolmentsIndexTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task An_enrolled_candidate_is_listed_under_their_assessor_and_the_unassigned_under_no_assessor()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var version = (await DemoRubric.ImportAsync(app, centre)).VersionId!.Value;
        var (assessor, iqa) = (await app.PersonAsync(centre, Role.Assessor), await app.PersonAsync(centre, Role.InternalQualityAssurer));
        var (alice, bob) = (await app.PersonAsync(centre, Role.Candidate), await app.PersonAsync(centre, Role.Candidate));

        Assert.Equal(HttpStatusCode.Redirect, (await EnrolCandidateTests.EnrolAsync(admin, alice, version, assessor, iqa)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await EnrolCandidateTests.EnrolAsync(admin, bob, version, null)).StatusCode);

        var list = await Html.GetAsync(admin, "/Admin/Enrolments");
        var underAssessor = list.QuerySelector($"#assessor-{assessor.Id}")!;
        Assert.Contains(assessor.DisplayName, underAssessor.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(alice.DisplayName, underAssessor.TextContent, StringComparison.Ordinal);
        Assert.Contains(iqa.DisplayName, underAssessor.TextContent, StringComparison.Ordinal);
        Assert.Contains("PCG-L4-DEMO version 1", underAssessor.TextContent, StringComparison.Ordinal);
        Assert.Contains(bob.DisplayName, list.QuerySelector("#unassigned")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.DisplayName, underAssessor.TextContent, StringComparison.Ordinal);
    }
}
