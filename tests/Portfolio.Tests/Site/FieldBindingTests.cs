using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Site;

/// <summary>Values that cannot be read as their field's type are field messages in the error summary.</summary>
public sealed class FieldBindingTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task A_date_that_does_not_exist_is_a_message_on_its_field_and_nothing_is_saved()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var eqa = await app.PersonAsync(centre, Role.ExternalQualityAssurer);
        var page = await Html.GetAsync(admin, "/Admin/ExternalAccess");

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#grant-form")!, new()
        {
            ["Input.EqaId"] = eqa.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.From"] = "2026-02-30", ["Input.Until"] = "2099-01-31", ["Input.Scope"] = "centre",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        Assert.Equal(["Enter a real date, with a day, month and year"], Html.Errors(shown));
        Assert.Equal("2026-02-30", shown.QuerySelector<IHtmlInputElement>("#Input_From")!.Value);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM eqa_accesses WHERE centre_id = @centre", new { centre }));
    }

    [Fact]
    public async Task A_number_too_large_is_a_message_on_its_field_not_a_silent_zero()
    {
        var e = await app.EnrolledCandidateAsync();
        var iqa = await app.SignedInAsync(e.Iqa);
        var qualification = await app.ScalarAsync<long>("SELECT qualification_id FROM rubric_versions WHERE id = @v", new { v = e.VersionId });
        var page = await Html.GetAsync(iqa, $"/Verify/Plan?qualificationId={qualification}");
        var form = page.QuerySelector<IHtmlFormElement>("#plan-form")!;

        var response = await Html.SubmitAsync(iqa, form, new() { ["Input.Rows[0].Rate"] = "99999999999" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a smaller number", Html.Errors(await Html.ParseAsync(response)));
    }

    [Fact]
    public async Task A_NUL_character_in_a_search_is_dropped_rather_than_sent_to_the_database()
    {
        var e = await app.EnrolledCandidateAsync();
        var assessor = await app.SignedInAsync(e.Assessor);

        var response = await assessor.GetAsync("/Assess/Search?q=college%00plan");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("collegeplan", (await Html.ParseAsync(response)).QuerySelector<IHtmlInputElement>("input[name=q]")?.Value);
    }
}
