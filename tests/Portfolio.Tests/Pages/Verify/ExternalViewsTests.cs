using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Quality;

namespace Portfolio.Tests.Pages.Verify;

public sealed class ExternalViewsTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_IQA_reaches_what_the_EQA_opened_from_the_quality_assurance_page()
    {
        var e = await app.EnrolledCandidateAsync();
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), true, []);
        await Html.GetAsync(await app.SignedInAsync(eqa), $"/External/Candidate?enrolmentId={e.EnrolmentId}");
        var iqa = await app.SignedInAsync(e.Iqa);

        var home = await Html.GetAsync(iqa, "/Verify");
        var page = await Html.GetAsync(iqa, home.QuerySelector<IHtmlAnchorElement>("#external-views-link")!.GetAttribute("href")!);

        var row = Assert.Single(page.QuerySelectorAll("#views tbody tr"));
        Assert.Contains($"Candidate's portfolio: {e.Candidate.DisplayName}", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Verify", page.QuerySelector<IHtmlAnchorElement>(".govuk-back-link")!.GetAttribute("href"));
    }
}
