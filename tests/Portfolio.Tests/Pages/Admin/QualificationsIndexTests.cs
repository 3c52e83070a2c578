using AngleSharp.Dom;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Admin;

public sealed class QualificationsIndexTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task The_list_shows_each_version_with_its_date_hash_prefix_and_enrolments()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.CentreAdministrator);
        var admin = await app.SignedInAsync(person);
        var first = await DemoRubric.ImportAsync(app, centre);
        var second = await DemoRubric.ImportAsync(app, centre, DemoRubric.Reworded);
        var candidate = await app.PersonAsync(centre, Role.Candidate);
        await new EnrolmentStore(app.DataSource, new RubricStore(app.DataSource)).EnrolAsync(centre, person.Id, new(candidate.Id, first.VersionId!.Value, null, null));
        var hash = await app.ScalarAsync<string>("SELECT content_hash FROM rubric_versions WHERE id = @id", new { id = second.VersionId });

        var page = await Html.GetAsync(admin, "/Admin/Qualifications");

        Assert.Contains("Version 2", page.QuerySelector($"#version-{second.VersionId}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(hash[..12], page.QuerySelector($"#version-{second.VersionId}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Version 1", page.QuerySelector($"#version-{first.VersionId}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelectorAll($"#version-{first.VersionId} td")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelectorAll($"#version-{first.VersionId} td")[3].TextContent.Trim());
        Assert.Equal("0", page.QuerySelectorAll($"#version-{second.VersionId} td")[3].TextContent.Trim());
        Assert.Contains("Demonstration Certificate in Career Guidance Practice", page.QuerySelector("#qualification-PCG-L4-DEMO h2")!.TextContent, StringComparison.Ordinal);
    }
}
