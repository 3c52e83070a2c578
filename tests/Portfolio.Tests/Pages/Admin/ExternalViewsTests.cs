using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.Admin;

public sealed class ExternalViewsTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    sealed record Arranged(EnrolledCandidate E, long Item, long OtherItem, TestPerson Eqa, long AccessId, HttpClient Admin);

    /// <summary>A candidate's returned item sampled and shared with an EQA, and an item of another candidate not shared.</summary>
    async Task<Arranged> ArrangeAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var item = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "Shared plan.", "1.1.1");
        var other = await QualitySteps.AnotherCandidateAsync(app, e);
        var otherItem = await QualitySteps.ReturnedAsync(app, other, EvidenceKind.ActionPlan, "Not shared.", "1.1.1");
        var samples = await QualitySteps.SampleAllAsync(app, e);
        var (eqa, accessId) = await WindowAsync(e.CentreId, false, samples[0]);
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        return new Arranged(e, item, otherItem, eqa, accessId, admin);
    }

    async Task<(TestPerson Eqa, long AccessId)> WindowAsync(long centreId, bool wholeCentre, params long[] samples)
    {
        var eqa = await app.PersonAsync(centreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(centreId, Role.CentreAdministrator);
        var (_, id) = await new ExternalAccess(app.DataSource).GrantAsync(centreId, admin.Id, eqa.Id,
            DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), wholeCentre, samples);
        return (eqa, id!.Value);
    }

    /// <summary>The list as the administrator reaches it: from the access page, through the given link.</summary>
    async Task<IHtmlDocument> FromAccessPageAsync(HttpClient admin, string linkId)
    {
        var access = await Html.GetAsync(admin, "/Admin/ExternalAccess");
        return await Html.GetAsync(admin, access.QuerySelector<IHtmlAnchorElement>($"#{linkId}")!.GetAttribute("href")!);
    }

    static IReadOnlyList<IElement> Rows(IHtmlDocument page) => page.QuerySelectorAll("#views tbody tr").ToList();

    [Fact]
    public async Task Each_page_the_EQA_opened_or_was_refused_is_listed_newest_first_with_what_it_showed()
    {
        var a = await ArrangeAsync();
        var eqa = await app.SignedInAsync(a.Eqa);
        await Html.GetAsync(eqa, "/External");
        await Html.GetAsync(eqa, $"/External/Evidence?id={a.Item}");
        Assert.Equal(HttpStatusCode.NotFound, (await eqa.GetAsync($"/External/Evidence?id={a.OtherItem}")).StatusCode);

        var page = await FromAccessPageAsync(a.Admin, "views-link");

        var rows = Rows(page);
        Assert.Equal(3, rows.Count);
        Assert.Contains("3 page views", page.QuerySelector("#views-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["true", "false", "false"], rows.Select(r => r.GetAttribute("data-refused")));
        Assert.Contains($"/External/Evidence?id={a.OtherItem}", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Evidence: Evidence for testing", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains(a.Eqa.DisplayName, rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Start page", rows[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_windows_link_lists_only_that_EQAs_views_and_the_filter_form_narrows_to_refusals()
    {
        var a = await ArrangeAsync();
        var (second, _) = await WindowAsync(a.E.CentreId, true);
        var eqa = await app.SignedInAsync(a.Eqa);
        await Html.GetAsync(eqa, "/External");
        await eqa.GetAsync($"/External/Evidence?id={a.OtherItem}");
        await Html.GetAsync(await app.SignedInAsync(second), $"/External/Evidence?id={a.OtherItem}");

        var window = await FromAccessPageAsync(a.Admin, $"views-{a.AccessId}");
        var refused = await Html.ParseAsync(await Html.SubmitAsync(a.Admin, window.QuerySelector<IHtmlFormElement>("#views-filter")!,
            new() { ["outcome"] = "refused" }));

        Assert.Equal(2, Rows(window).Count);
        Assert.All(Rows(window), r => Assert.Equal(a.Eqa.Id.ToString(), r.GetAttribute("data-eqa")));
        var only = Assert.Single(Rows(refused));
        Assert.Equal("true", only.GetAttribute("data-refused"));
        Assert.Equal(a.AccessId.ToString(), refused.QuerySelector<IHtmlSelectElement>("#filter-access")!.Value);
    }

    [Fact]
    public async Task The_list_is_paged_with_its_total_and_the_next_page_keeps_the_filter()
    {
        var a = await ArrangeAsync();
        var log = new ExternalAccess(app.DataSource);
        for (var i = 1; i <= 60; i++)
        {
            await log.LogAsync(a.E.CentreId, a.Eqa.Id, $"/External/Sample?id={i}", 200, "127.0.0.1");
        }
        var first = await Html.GetAsync(a.Admin, $"/Admin/ExternalViews?eqa={a.Eqa.Id}&outcome=opened");

        var second = await Html.GetAsync(a.Admin, first.QuerySelector<IHtmlAnchorElement>("#views-older")!.GetAttribute("href")!);

        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("60 page views", first.QuerySelector("#views-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(10, Rows(second).Count);
        Assert.Contains("Sample 1", Rows(second)[^1].TextContent, StringComparison.Ordinal);
        Assert.Equal("opened", second.QuerySelector<IHtmlSelectElement>("#filter-outcome")!.Value);
        Assert.NotNull(second.QuerySelector("#views-newer"));
        Assert.Null(second.QuerySelector("#views-older"));
    }

    [Fact]
    public async Task Another_centres_views_never_show_and_its_window_is_not_found()
    {
        var a = await ArrangeAsync();
        var elsewhere = await app.CentreAsync("Elsewhere");
        var (foreignEqa, foreignAccess) = await WindowAsync(elsewhere, true);
        await Html.GetAsync(await app.SignedInAsync(foreignEqa), "/External");

        var page = await Html.GetAsync(a.Admin, "/Admin/ExternalViews");

        Assert.NotNull(page.QuerySelector("#views-empty"));
        Assert.Equal(HttpStatusCode.NotFound, (await a.Admin.GetAsync($"/Admin/ExternalViews?access={foreignAccess}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Admin.GetAsync($"/Admin/ExternalViews?eqa={foreignEqa.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_address_the_EQA_typed_with_an_id_too_long_for_a_number_is_listed_as_it_was_asked()
    {
        var a = await ArrangeAsync();
        var eqa = await app.SignedInAsync(a.Eqa);
        var typed = "/External/Evidence?id=99999999999999999999999";
        Assert.Equal(HttpStatusCode.NotFound, (await eqa.GetAsync(typed)).StatusCode);

        var page = await Html.GetAsync(a.Admin, "/Admin/ExternalViews");

        var only = Assert.Single(Rows(page));
        Assert.Equal("true", only.GetAttribute("data-refused"));
        Assert.Contains(typed, only.TextContent, StringComparison.Ordinal);
    }
}
