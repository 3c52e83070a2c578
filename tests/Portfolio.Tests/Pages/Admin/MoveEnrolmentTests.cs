using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Admin;

public sealed class MoveEnrolmentTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Checking_shows_the_dropped_point_and_confirming_moves_and_reports_it_not_carried()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.CentreAdministrator);
        var admin = await app.SignedInAsync(person);
        var first = await DemoRubric.ImportAsync(app, centre);
        var second = await DemoRubric.ImportAsync(app, centre, DemoRubric.WithoutPoint124);
        var candidate = await app.PersonAsync(centre, Role.Candidate);
        var (id, _) = await new EnrolmentStore(app.DataSource, new RubricStore(app.DataSource)).EnrolAsync(centre, person.Id, new(candidate.Id, first.VersionId!.Value, null, null));
        var page = await Html.GetAsync(admin, $"/Admin/Enrolments/Move?id={id}");
        var version = new Dictionary<string, object> { ["Input.VersionId"] = second.VersionId!.Value.ToString(CultureInfo.InvariantCulture) };

        var check = await Html.ParseAsync(await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#move-form")!, version, "#check"));
        Assert.Contains("1.2.4", check.QuerySelector("#diff-removed")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(check.QuerySelector("#not-carried-warning"));
        Assert.Equal(first.VersionId, await app.ScalarAsync<long>("SELECT rubric_version_id FROM enrolments WHERE id = @id", new { id }));

        var moved = await Html.SubmitAsync(admin, check.QuerySelector<IHtmlFormElement>("#move-form")!, version, "#confirm");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var status = (await Html.GetAsync(admin, moved.Headers.Location!.OriginalString)).QuerySelector("#status")!.TextContent;
        Assert.Contains("moved to PCG-L4-DEMO version 2: 16 marking points carried over.", status, StringComparison.Ordinal);
        Assert.Contains("Not carried (the new version has no such point): 1.2.4", status, StringComparison.Ordinal);
        Assert.Equal(second.VersionId, await app.ScalarAsync<long>("SELECT rubric_version_id FROM enrolments WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Another_centres_enrolment_is_not_found()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var elsewhere = await app.CentreAsync("Elsewhere");
        var theirAdmin = await app.PersonAsync(elsewhere, Role.CentreAdministrator);
        var version = (await DemoRubric.ImportAsync(app, elsewhere)).VersionId!.Value;
        var candidate = await app.PersonAsync(elsewhere, Role.Candidate);
        var (id, _) = await new EnrolmentStore(app.DataSource, new RubricStore(app.DataSource)).EnrolAsync(elsewhere, theirAdmin.Id, new(candidate.Id, version, null, null));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Enrolments/Move?id={id}")).StatusCode);
    }
}
