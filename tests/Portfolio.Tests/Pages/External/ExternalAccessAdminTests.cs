using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.External;

/// <summary>/Admin/ExternalAccess: a centre administrator gives an EQA access and revokes it.</summary>
public sealed class ExternalAccessAdminTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static string Day(int offset) => DateTime.UtcNow.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_administrator_shares_chosen_samples_and_revoking_ends_the_access_at_once()
    {
        var e = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "Plan.", "1.1.1");
        var sample = (await QualitySteps.SampleAllAsync(app, e))[0];
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var page = await Html.GetAsync(admin, "/Admin/ExternalAccess");

        var granted = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#grant-form")!, new()
        {
            ["Input.EqaId"] = eqa.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.From"] = Day(0), ["Input.Until"] = Day(7),
            ["Input.Scope"] = "samples", ["Input.SampleIds"] = new[] { sample.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM audit_events WHERE action = 'eqa-access.granted' AND subject_id = @id", new { id = eqa.Id }));
        var external = await app.SignedInAsync(eqa);
        Assert.Equal(HttpStatusCode.OK, (await external.GetAsync($"/External/Sample?id={sample}")).StatusCode);
        page = await Html.GetAsync(admin, "/Admin/ExternalAccess");
        var confirm = await Html.GetAsync(admin, page.QuerySelector("#grants a[id^='revoke-']")!.GetAttribute("href")!);
        var revoked = await Html.SubmitAsync(admin, confirm.QuerySelector<IHtmlFormElement>("form[id^='revoke-form-']")!);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await external.GetAsync($"/External/Sample?id={sample}")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM audit_events WHERE action = 'eqa-access.revoked' AND subject_id = @id", new { id = eqa.Id }));
    }

    [Fact]
    public async Task A_person_who_is_not_an_eqa_no_samples_or_a_window_in_the_past_is_refused()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var page = await Html.GetAsync(admin, "/Admin/ExternalAccess");
        var form = page.QuerySelector<IHtmlFormElement>("#grant-form")!;

        var response = await Html.SubmitAsync(admin, form, new()
        {
            ["Input.EqaId"] = e.Assessor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.From"] = Day(-10), ["Input.Until"] = Day(-3), ["Input.Scope"] = "samples",
        });

        var errors = Html.Errors(await Html.ParseAsync(response));
        Assert.Contains(errors, m => m.Contains("today or later", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("Choose the samples", StringComparison.Ordinal));
        var notEqa = await Html.SubmitAsync(admin, form, new()
        {
            ["Input.EqaId"] = e.Assessor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.From"] = Day(0), ["Input.Until"] = Day(3), ["Input.Scope"] = "centre",
        });
        Assert.Contains("is an external quality assurer", Html.Errors(await Html.ParseAsync(notEqa)).Single());
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM eqa_accesses WHERE centre_id = @c", new { c = e.CentreId }));
    }

    [Fact]
    public async Task Revoking_asks_for_confirmation_and_the_access_stays_open_until_it_is_given()
    {
        var e = await app.EnrolledCandidateAsync();
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var adminPerson = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        var (_, accessId) = await new Portfolio.Quality.ExternalAccess(app.DataSource).GrantAsync(e.CentreId, adminPerson.Id, eqa.Id,
            DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(3), true, []);
        var admin = await app.SignedInAsync(adminPerson);
        var page = await Html.GetAsync(admin, "/Admin/ExternalAccess");

        var confirm = await Html.GetAsync(admin, page.QuerySelector($"a#revoke-{accessId}")!.GetAttribute("href")!);
        var stillOpen = await app.ScalarAsync<bool>("SELECT revoked_at IS NULL FROM eqa_accesses WHERE id = @accessId", new { accessId });
        var unconfirmed = await Html.SubmitAsync(admin, confirm.QuerySelector<IHtmlFormElement>($"#revoke-form-{accessId}")!, new() { ["confirmed"] = "false" });
        var afterUnconfirmed = await app.ScalarAsync<bool>("SELECT revoked_at IS NULL FROM eqa_accesses WHERE id = @accessId", new { accessId });
        await Html.SubmitAsync(admin, confirm.QuerySelector<IHtmlFormElement>($"#revoke-form-{accessId}")!);

        Assert.Contains(eqa.DisplayName, confirm.QuerySelector("#confirm-title")!.TextContent);
        Assert.Equal("/Admin/ExternalAccess", confirm.QuerySelector("#cancel-revoke")!.GetAttribute("href"));
        Assert.True(stillOpen);
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.True(afterUnconfirmed);
        Assert.False(await app.ScalarAsync<bool>("SELECT revoked_at IS NULL FROM eqa_accesses WHERE id = @accessId", new { accessId }));
    }

    [Fact]
    public async Task Samples_to_share_are_found_by_assessor_and_one_chosen_stays_chosen_when_the_form_comes_back()
    {
        var a = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, a, EvidenceKind.ActionPlan, "Plan.", "1.1.1");
        var b = await QualitySteps.AnotherCandidateAsync(app, a);
        await QualitySteps.ReturnedAsync(app, b, EvidenceKind.ProgressReview, "Review.", "1.2.1");
        var samples = await QualitySteps.SampleAllAsync(app, a);
        var ofB = await app.ScalarAsync<long>("SELECT id FROM qa_samples WHERE assessor_id = @id", new { id = b.Assessor.Id });
        var admin = await app.SignedInAsync(await app.PersonAsync(a.CentreId, Role.CentreAdministrator));
        static string[] Listed(IDocument page) =>
            page.QuerySelectorAll("#grant-form input[name='Input.SampleIds']").Select(i => i.GetAttribute("value")!).ToArray();

        var all = await Html.GetAsync(admin, "/Admin/ExternalAccess");
        var found = await Html.ParseAsync(await Html.SubmitAsync(admin, all.QuerySelector<IHtmlFormElement>("#sample-filter")!,
            new() { ["Filter.AssessorId"] = a.Assessor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var back = await Html.ParseAsync(await Html.SubmitAsync(admin, found.QuerySelector<IHtmlFormElement>("#grant-form")!, new()
        {
            ["Input.Scope"] = "samples", ["Input.SampleIds"] = new[] { ofB.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }));

        Assert.Equal(samples.Order().Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), Listed(all).Order());
        Assert.Contains("2 samples match", all.QuerySelector("#grant-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([samples.Single(s => s != ofB).ToString(System.Globalization.CultureInfo.InvariantCulture)], Listed(found));
        Assert.Contains("Choose the external quality assurer", Html.Errors(back));
        Assert.Contains(ofB.ToString(System.Globalization.CultureInfo.InvariantCulture), Listed(back));
        Assert.True(back.QuerySelector<IHtmlInputElement>($"#grant-form input[name='Input.SampleIds'][value='{ofB}']")!.IsChecked);
    }
}
