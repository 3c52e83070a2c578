using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Tests.Privacy;

namespace Portfolio.Tests.Pages.Admin.Retention;

public sealed class IndexTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>A candidate certified long ago: every element signed off and confirmed four years back.</summary>
    async Task<EnrolledCandidate> CertifiedLongAgoAsync(long? centre = null)
    {
        var e = centre is { } c ? await app.EnrolledCandidateAsync(c, await app.ScalarAsync<long>(
            "SELECT max(v.id) FROM rubric_versions v JOIN qualifications q ON q.id = v.qualification_id WHERE q.centre_id = @c", new { c }))
            : await app.EnrolledCandidateAsync();
        await app.ScalarAsync<int>("""
            UPDATE enrolments SET enrolled_at = now() - interval '6 years' WHERE id = @EnrolmentId;
            INSERT INTO element_signoffs (enrolment_id, element_id, assessor_id, assessor_declaration, signed_at, candidate_confirmed_at)
            SELECT @EnrolmentId, el.id, @assessor, 'declared', now() - interval '4 years 1 day', now() - interval '4 years'
            FROM rubric_elements el WHERE el.rubric_version_id = @VersionId;
            SELECT 1
            """, new { e.EnrolmentId, e.VersionId, assessor = e.Assessor.Id });
        return e;
    }

    [Fact]
    public async Task A_portfolio_past_its_date_is_listed_and_disposal_keeps_only_the_achievement_record()
    {
        var e = await CertifiedLongAgoAsync();
        await PersonalDataSeed.EvidenceAsync(app, e, app.FilesFolder);
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        await Html.SubmitAsync(admin, (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#check-form")!);
        var page = await Html.GetAsync(admin, "/Admin/Retention");
        Assert.Contains("certification", page.QuerySelector($"#due-{e.Candidate.Id}")!.TextContent, StringComparison.Ordinal);

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#dispose-form")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var args = new { e.EnrolmentId, id = e.Candidate.Id };
        Assert.Equal($"{e.Candidate.DisplayName} {e.Assessor.DisplayName} {e.Iqa.DisplayName}", await app.ScalarAsync<string>(
            "SELECT concat_ws(' ', candidate_name, assessor_name, iqa_name) FROM achievement_records WHERE enrolment_id = @EnrolmentId", args));
        Assert.True(await app.ScalarAsync<int>("SELECT jsonb_array_length(elements) FROM achievement_records WHERE enrolment_id = @EnrolmentId", args) > 0);
        Assert.Equal("disposal", await app.ScalarAsync<string>("SELECT kind FROM erasures WHERE person_id = @id", args));
        Assert.Equal("", await app.ScalarAsync<string>(
            "SELECT string_agg(text, '') FROM evidence_revisions r JOIN evidence_items i ON i.id = r.item_id WHERE i.candidate_id = @id", args));
    }

    [Fact]
    public async Task Nothing_is_disposed_of_twice()
    {
        var e = await CertifiedLongAgoAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        await Html.SubmitAsync(admin, (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#check-form")!);
        var form = (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#dispose-form")!;
        await Html.SubmitAsync(admin, form);

        await Html.SubmitAsync(admin, form);

        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM achievement_records WHERE enrolment_id = @EnrolmentId", e));
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM erasures WHERE person_id = @Id", e.Candidate));
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'person.disposed' AND subject_id = @Id", e.Candidate));
    }

    [Fact]
    public async Task A_legal_hold_keeps_a_portfolio_off_the_list_and_out_of_disposal()
    {
        var e = await CertifiedLongAgoAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        await Html.SubmitAsync(admin, (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#check-form")!);
        var stale = (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#dispose-form")!;
        var holds = await Html.GetAsync(admin, $"/Admin/Retention/Holds?personId={e.Candidate.Id}");
        await Html.SubmitAsync(admin, holds.QuerySelector<IHtmlFormElement>("#hold-form")!, new()
        {
            ["Hold.EnrolmentId"] = e.EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Hold.Reason"] = "Appeal to the awarding body",
        });

        await Html.SubmitAsync(admin, stale);
        await Html.SubmitAsync(admin, (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#check-form")!);

        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM erasures WHERE person_id = @Id", e.Candidate));
        Assert.Null((await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector($"#due-{e.Candidate.Id}"));
        Assert.Contains("Appeal to the awarding body", (await Html.GetAsync(admin, $"/Admin/Retention/Holds?personId={e.Candidate.Id}")).QuerySelector("#holds")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'legal-hold.placed' AND subject_id = @Id", e.Candidate));
    }

    [Fact]
    public async Task Saving_the_policy_is_audited_and_a_year_out_of_range_shows_the_error()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var form = (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#policy-form")!;

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, form, new() { ["Policy.YearsAfterCertification"] = "0" }));
        var saved = await Html.SubmitAsync(admin, form, new() { ["Policy.YearsAfterCertification"] = "6" });

        Assert.Contains("Enter a whole number of years from 1 to 100", Html.Errors(refused));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(6, await app.ScalarAsync<int>("SELECT years_after_certification FROM retention_policies WHERE centre_id = @centre", new { centre }));
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'retention-policy.saved' AND centre_id = @centre", new { centre }));
    }

    [Fact]
    public async Task A_policy_form_whose_hidden_stamp_was_tampered_with_is_refused_as_stale_not_an_error()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var form = (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#policy-form")!;
        await Html.SubmitAsync(admin, form, new() { ["Policy.YearsAfterWithdrawal"] = "5" });
        form = (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#policy-form")!;

        var refused = await Html.SubmitAsync(admin, form, new() { ["Policy.Loaded"] = "-5", ["Policy.YearsAfterWithdrawal"] = "9" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else saved the policy", Html.Errors(await Html.ParseAsync(refused)).Single());
        Assert.Equal(5, await app.ScalarAsync<int>("SELECT years_after_withdrawal FROM retention_policies WHERE centre_id = @centre", new { centre }));
    }

    [Fact]
    public async Task A_policy_save_over_someone_elses_is_refused()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var first = (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#policy-form")!;
        var second = (await Html.GetAsync(admin, "/Admin/Retention")).QuerySelector<IHtmlFormElement>("#policy-form")!;
        await Html.SubmitAsync(admin, first, new() { ["Policy.YearsAfterWithdrawal"] = "5" });

        var page = await Html.ParseAsync(await Html.SubmitAsync(admin, second, new() { ["Policy.YearsAfterWithdrawal"] = "7" }));

        Assert.Contains(Html.Errors(page), m => m.StartsWith("Someone else saved the policy", StringComparison.Ordinal));
        Assert.Equal(5, await app.ScalarAsync<int>("SELECT years_after_withdrawal FROM retention_policies WHERE centre_id = @centre", new { centre }));
    }
}
