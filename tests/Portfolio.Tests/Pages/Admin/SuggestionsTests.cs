using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Suggestions;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Admin;

public sealed class SuggestionsTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task<HttpResponseMessage> SwitchAsync(HttpClient admin, string enabled, IHtmlFormElement? form = null)
    {
        form ??= (await Html.GetAsync(admin, "/Admin/Suggestions")).QuerySelector<IHtmlFormElement>("#suggestions-form")!;
        return await Html.SubmitAsync(admin, form, new() { ["Input.Enabled"] = enabled });
    }

    [Fact]
    public async Task Switching_suggestions_off_hides_them_from_the_centre_and_says_so_and_switching_on_brings_them_back()
    {
        var (e, id, candidate) = await SuggestionSteps.SuggestedItemAsync(app);
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));

        Assert.Equal(HttpStatusCode.Redirect, (await SwitchAsync(admin, "off")).StatusCode);
        var off = await Html.GetAsync(candidate, $"/Portfolio/Evidence/View?id={id}");
        await SwitchAsync(admin, "on");
        await SuggestionSteps.RunSuggestionsAsync(app);
        var on = await Html.GetAsync(candidate, $"/Portfolio/Evidence/View?id={id}");

        Assert.Contains("switched suggestions off", off.QuerySelector("#suggestions-status")!.TextContent);
        Assert.Null(SuggestionSteps.Suggestion(off, "1.1.9"));
        Assert.NotNull(SuggestionSteps.Suggestion(on, "1.1.9"));
        Assert.Equal(2, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE action = 'centre.suggestions-switched' AND centre_id = @c", new { c = e.CentreId }));
    }

    [Fact]
    public async Task Text_saved_while_suggestions_are_off_is_read_once_they_are_on_again()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        await SwitchAsync(admin, "off");
        var id = await EvidenceTestSteps.ItemAsync(app, e, Portfolio.Rubrics.EvidenceKind.ActionPlan, content: SuggestionSteps.ReviewAndConsent);
        await SuggestionSteps.RunSuggestionsAsync(app);

        await SwitchAsync(admin, "on");
        await SuggestionSteps.RunSuggestionsAsync(app);

        var page = await Html.GetAsync(await app.SignedInAsync(e.Candidate), $"/Portfolio/Evidence/View?id={id}");
        Assert.NotNull(SuggestionSteps.Suggestion(page, "1.1.9"));
    }

    [Fact]
    public async Task A_switch_from_a_form_opened_before_another_change_is_refused_and_shown_again()
    {
        var centre = await app.CentreAsync();
        var first = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var second = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var stale = (await Html.GetAsync(first, "/Admin/Suggestions")).QuerySelector<IHtmlFormElement>("#suggestions-form")!;
        await SwitchAsync(second, "off");

        var response = await SwitchAsync(first, "off", stale);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this setting", (await Html.ParseAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task The_log_is_linked_only_for_an_administrator_who_can_open_it_and_a_loaded_model_is_running()
    {
        var centre = await app.CentreAsync();
        var adminOnly = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var lead = await app.SignedInAsync(
            await app.PersonAsync(centre, Role.CentreAdministrator, Role.InternalQualityAssurer));
        Assert.True(SentenceModel.Local.TryLoad());

        var plain = await Html.GetAsync(adminOnly, "/Admin/Suggestions");
        var both = await Html.GetAsync(lead, "/Admin/Suggestions");

        Assert.Null(plain.QuerySelector("a[href='/Verify/Suggestions']"));
        Assert.Contains("internal quality assurers read the log", plain.QuerySelector("main")!.TextContent);
        var log = both.QuerySelector<IHtmlAnchorElement>("#log-link")!.PathName;
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync(log)).StatusCode);
        Assert.Contains("loaded and running", plain.QuerySelector("#model-status")!.TextContent);
    }
}
