using System.Net;
using Dapper;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Verify;

public sealed class PlanTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<(EnrolledCandidate E, HttpClient Iqa)> AssessorWithADecisionAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "The client chose three steps.", "1.1.1");
        return (e, await app.SignedInAsync(e.Iqa));
    }

    static IHtmlInputElement RateBox(IHtmlDocument page, long assessorId) =>
        page.QuerySelector<IHtmlInputElement>($"#plan-rows tr[data-assessor='{assessorId}'] input[type='number']")!;

    static string RateUsed(IHtmlDocument page, long assessorId) =>
        page.QuerySelector($"#plan-rows tr[data-assessor='{assessorId}'] [data-rate-used]")!.TextContent.Trim();

    /// <summary>Submits the plan form as shown, with the assessor's status and rate box set to the given values.</summary>
    static async Task<HttpResponseMessage> SaveAsync(HttpClient iqa, long assessorId, string status, string? rate = null)
    {
        var page = await Html.GetAsync(iqa, "/Verify/Plan");
        var box = RateBox(page, assessorId).Name!;
        var values = new Dictionary<string, object> { [box.Replace("Rate", "Status", StringComparison.Ordinal)] = status };
        if (rate is not null)
        {
            values[box] = rate;
        }
        return await Html.SubmitAsync(iqa, page.QuerySelector<IHtmlFormElement>("#plan-form")!, values);
    }

    [Fact]
    public async Task The_plan_lists_each_assessor_of_the_candidates_once_and_those_with_a_saved_rate_and_no_one_else()
    {
        var (e, iqa) = await AssessorWithADecisionAsync();
        await QualitySteps.AnotherCandidateAsync(app, e, e.Assessor);
        var moved = await QualitySteps.AnotherCandidateAsync(app, e);
        var unassigned = await QualitySteps.AnotherCandidateAsync(app, e);
        var idle = await app.PersonAsync(e.CentreId, Role.Assessor);
        await app.EnrolledCandidateAsync();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        const string Assign = "UPDATE enrolments SET assessor_id = @assessor WHERE id = @id";
        await conn.ExecuteAsync(Assign, new { assessor = (long?)null, id = unassigned.EnrolmentId });
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(iqa, moved.Assessor.Id, "flagged")).StatusCode);
        await conn.ExecuteAsync(Assign, new { assessor = (long?)e.Assessor.Id, id = moved.EnrolmentId });

        var page = await Html.GetAsync(iqa, "/Verify/Plan");

        var listed = page.QuerySelectorAll("#plan-rows tr[data-assessor]")
            .Select(r => long.Parse(r.GetAttribute("data-assessor")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(new[] { e.Assessor.Id, moved.Assessor.Id }.Order(), listed.Order());
        Assert.DoesNotContain(idle.Id, listed);
        Assert.DoesNotContain(unassigned.Assessor.Id, listed);
    }

    [Fact]
    public async Task The_rate_box_starts_empty_and_the_rate_used_is_the_usual_one_for_the_status()
    {
        var (e, iqa) = await AssessorWithADecisionAsync();

        var page = await Html.GetAsync(iqa, "/Verify/Plan");

        Assert.Equal("", RateBox(page, e.Assessor.Id).Value);
        Assert.StartsWith("25 %", RateUsed(page, e.Assessor.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_new_to_assessing_and_saving_the_form_as_shown_samples_at_the_new_assessor_rate()
    {
        var (e, iqa) = await AssessorWithADecisionAsync();

        var response = await SaveAsync(iqa, e.Assessor.Id, "new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(iqa, response.Headers.Location!.OriginalString);
        Assert.StartsWith("100 %", RateUsed(page, e.Assessor.Id), StringComparison.Ordinal);
        Assert.Equal("", RateBox(page, e.Assessor.Id).Value);
        Assert.Equal("new", page.QuerySelector<IHtmlSelectElement>($"#plan-rows tr[data-assessor='{e.Assessor.Id}'] select")!.Value);
        var plan = await QualitySteps.Store(app).PlanAsync(e.CentreId, await QualitySteps.QualificationIdAsync(app, e));
        Assert.Equal(100, plan!.RateFor(e.Assessor.Id).RatePercent);
    }

    [Fact]
    public async Task A_rate_typed_in_overrides_the_status_until_the_box_is_cleared()
    {
        var (e, iqa) = await AssessorWithADecisionAsync();

        await SaveAsync(iqa, e.Assessor.Id, "new", "40");
        var chosen = await Html.GetAsync(iqa, "/Verify/Plan");
        await SaveAsync(iqa, e.Assessor.Id, "flagged", "");
        var cleared = await Html.GetAsync(iqa, "/Verify/Plan");

        Assert.Equal("40", RateBox(chosen, e.Assessor.Id).Value);
        Assert.StartsWith("40 %", RateUsed(chosen, e.Assessor.Id), StringComparison.Ordinal);
        Assert.Equal("", RateBox(cleared, e.Assessor.Id).Value);
        Assert.StartsWith("50 %", RateUsed(cleared, e.Assessor.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_out_of_range_is_shown_at_its_box_and_nothing_is_saved()
    {
        var (e, iqa) = await AssessorWithADecisionAsync();

        var response = await SaveAsync(iqa, e.Assessor.Id, "new", "0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(e.Assessor.DisplayName, Html.Errors(page).Single(), StringComparison.Ordinal);
        Assert.Contains("govuk-input--error", RateBox(page, e.Assessor.Id).ClassName, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#{RateBox(page, e.Assessor.Id).Id}-error"));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM sampling_plan_assessors WHERE assessor_id = @id", new { id = e.Assessor.Id }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_saves_from_one_form_keep_the_first_and_tell_the_second_what_was_saved(bool firstSaveOfThePlan)
    {
        var (e, iqa) = await AssessorWithADecisionAsync();
        if (!firstSaveOfThePlan)
        {
            await SaveAsync(iqa, e.Assessor.Id, "established");
        }
        var form = await Html.GetAsync(iqa, "/Verify/Plan");
        var box = RateBox(form, e.Assessor.Id).Name!;
        var plan = form.QuerySelector<IHtmlFormElement>("#plan-form")!;

        var first = await Html.SubmitAsync(iqa, plan, new Dictionary<string, object> { [box] = "60" });
        var second = await Html.SubmitAsync(iqa, plan, new Dictionary<string, object> { [box] = "30" });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var refused = await Html.ParseAsync(second);
        Assert.Contains("saved this sampling plan while you were editing it", Html.Errors(refused).Single(), StringComparison.Ordinal);
        Assert.Equal("30", RateBox(refused, e.Assessor.Id).Value);
        Assert.StartsWith("60 %", RateUsed(refused, e.Assessor.Id), StringComparison.Ordinal);
        var saved = await QualitySteps.Store(app).PlanAsync(e.CentreId, await QualitySteps.QualificationIdAsync(app, e));
        Assert.Equal(60, saved!.RateFor(e.Assessor.Id).RatePercent);

        var again = await Html.SubmitAsync(iqa, refused.QuerySelector<IHtmlFormElement>("#plan-form")!, new Dictionary<string, object>());

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        saved = await QualitySteps.Store(app).PlanAsync(e.CentreId, await QualitySteps.QualificationIdAsync(app, e));
        Assert.Equal(30, saved!.RateFor(e.Assessor.Id).RatePercent);
    }
}
