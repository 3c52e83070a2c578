using System.Net;
using AngleSharp.Dom;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

public sealed class EditEvidenceTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Saving_an_action_plan_keeps_its_steps_and_shows_SMART_advice_without_blocking()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan);
        var client = await app.SignedInAsync(e.Candidate);

        var response = await EvidenceTestSteps.SaveAsync(client, id, new()
        {
            ["Input.Title"] = "Plan with Client B",
            ["Input.Content.ClientGoals"] = "Find part-time work in retail",
            ["Input.Content.Steps[0].Action"] = "Look into local retail vacancies",
            ["Input.Content.Steps[0].ByWhen"] = "2026-12-04",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edit = await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}");
        Assert.Equal("Look into local retail vacancies", edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Content_Steps_0__Action")!.Value);
        Assert.Equal("2026-12-04", edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Content_Steps_0__ByWhen")!.Value);
        var codes = edit.QuerySelectorAll("#smart-advice li").Select(li => li.GetAttribute("data-code")).ToList();
        Assert.Contains(AdviceCode.NoOwner, codes);
        Assert.Contains(AdviceCode.VagueWording, codes);
        Assert.Contains(AdviceCode.NoReviewDate, codes);
        Assert.Contains(AdviceCode.NoClientAgreement, codes);
        var text = await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        Assert.Contains("Step 1: Look into local retail vacancies", text);
    }

    [Fact]
    public async Task Adding_a_step_without_javascript_keeps_what_was_typed_and_saves_nothing()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan);
        var client = await app.SignedInAsync(e.Candidate);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}");

        var response = await Html.SubmitAsync(client, page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#evidence-form")!,
            new() { ["Input.Content.Steps[0].Action"] = "Send two applications" }, "#add-step");

        var redisplayed = await Html.ParseAsync(response);
        Assert.Equal("Send two applications", redisplayed.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Content_Steps_0__Action")!.Value);
        Assert.NotNull(redisplayed.QuerySelector("#Input_Content_Steps_1__Action"));
        Assert.Equal("", await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task A_reflective_account_lists_missing_and_brief_stages()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ReflectiveAccount, "gibbs");
        var client = await app.SignedInAsync(e.Candidate);

        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Stages[description]"] = "I met a client who wanted to change careers." });

        var edit = await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}");
        var stages = edit.QuerySelectorAll("#structure-advice li").ToDictionary(li => li.GetAttribute("data-stage")!, li => li.TextContent);
        Assert.Contains("Brief", stages["description"]);
        Assert.Contains("Missing", stages["feelings"]);
        Assert.Equal(6, stages.Count);
    }

    [Fact]
    public async Task A_stale_save_is_refused_and_shows_the_text_saved_meanwhile()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e);
        var client = await app.SignedInAsync(e.Candidate);
        var opened = await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}");
        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Notes"] = "Saved in another tab first." });

        var response = await Html.SubmitAsync(client, opened.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#evidence-form")!,
            new() { ["Input.Content.Notes"] = "Typed in the old tab." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("saved from somewhere else", Html.Errors(page).Single());
        Assert.Contains("Saved in another tab first.", page.QuerySelector("#saved-meanwhile")!.TextContent);
        Assert.Equal("Typed in the old tab.", page.QuerySelector("#Input_Content_Notes")!.TextContent);
        Assert.Contains("Saved in another tab first.", await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id }));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("\"><svg onload=alert(1)>")]
    public async Task Script_in_any_text_field_renders_inert(string payload)
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan);
        var client = await app.SignedInAsync(e.Candidate);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}");

        var values = new Dictionary<string, object>
        {
            ["Input.Title"] = payload, ["Input.Content.ClientGoals"] = payload, ["Input.Content.Steps[0].Action"] = payload, ["Input.Content.Notes"] = payload,
        };
        var preview = await Html.SubmitAsync(client, page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#evidence-form")!, values, "#preview");
        var saved = await Html.SubmitAsync(client, page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#evidence-form")!, values);

        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, string.Join("; ", Html.Errors(await Html.ParseAsync(saved))));
        Assert.Contains(payload, await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id }));
        var pages = new[]
        {
            await Html.ParseAsync(preview), await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}"),
            await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}"), await Html.GetAsync(client, $"/Portfolio/Evidence/Submit?id={id}"),
            await Html.GetAsync(client, "/Portfolio"),
        };
        foreach (var shown in pages)
        {
            Assert.Empty(shown.QuerySelectorAll("main script, main svg, main img[onerror]"));
            Assert.DoesNotContain(shown.QuerySelectorAll("main *"), el => el.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
            Assert.DoesNotContain(shown.QuerySelectorAll("main a[href]"), a => a.GetAttribute("href")!.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Another_candidates_evidence_is_not_found()
    {
        var mine = await app.EnrolledCandidateAsync();
        var theirs = await app.EnrolledCandidateAsync(mine.CentreId);
        var id = await EvidenceTestSteps.ItemAsync(app, theirs);
        var client = await app.SignedInAsync(mine.Candidate);

        foreach (var url in new[] { $"/Portfolio/Evidence/Edit?id={id}", $"/Portfolio/Evidence/View?id={id}", $"/Portfolio/Evidence/Submit?id={id}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
    }
}
