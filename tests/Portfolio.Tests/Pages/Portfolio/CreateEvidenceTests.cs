using System.Net;
using Portfolio.People;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portfolio.Tests.Pages.PortfolioArea;

public sealed class CreateEvidenceTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task<HttpResponseMessage> CreateAsync(HttpClient client, Dictionary<string, object> values)
    {
        var page = await Html.GetAsync(client, "/Portfolio/Evidence/Create");
        return await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#create-evidence-form")!, values);
    }

    [Fact]
    public async Task Starting_an_action_plan_opens_its_form_with_a_first_step()
    {
        var e = await app.EnrolledCandidateAsync();
        var client = await app.SignedInAsync(e.Candidate);

        var response = await CreateAsync(client, new() { ["Input.Title"] = "Plan with Client A", ["Input.Kind"] = "action-plan" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edit = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.NotNull(edit.QuerySelector("#Input_Content_Steps_0__Action"));
        Assert.NotNull(edit.QuerySelector("#Input_Content_ClientAgreement"));
    }

    [Fact]
    public async Task A_reflective_account_needs_a_model_and_every_item_a_title()
    {
        var e = await app.EnrolledCandidateAsync();
        var client = await app.SignedInAsync(e.Candidate);

        var response = await CreateAsync(client, new() { ["Input.Title"] = "", ["Input.Kind"] = "reflective-account" });

        var errors = Html.Errors(await Html.ParseAsync(response));
        Assert.Contains("Give your evidence a title", errors);
        Assert.Contains("Choose the reflective model you will write to: Gibbs or Kolb", errors);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM evidence_items WHERE candidate_id = @id", new { id = e.Candidate.Id }));
    }

    [Fact]
    public async Task A_Kolb_account_gets_one_section_per_Kolb_stage()
    {
        var e = await app.EnrolledCandidateAsync();
        var client = await app.SignedInAsync(e.Candidate);

        var response = await CreateAsync(client, new() { ["Input.Title"] = "Reflecting on a first interview", ["Input.Kind"] = "reflective-account", ["Input.Model"] = "kolb" });

        var edit = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        var labels = edit.QuerySelectorAll("textarea[name^='Input.Content.Stages']").Select(t => t.GetAttribute("name")!).ToArray();
        Assert.Equal(["Input.Content.Stages[concrete-experience]", "Input.Content.Stages[reflective-observation]",
            "Input.Content.Stages[abstract-conceptualisation]", "Input.Content.Stages[active-experimentation]"], labels);
    }

    [Fact]
    public async Task A_candidate_not_yet_enrolled_is_sent_back_to_the_dashboard()
    {
        var centre = await app.CentreAsync();
        var client = await app.SignedInAsync(await app.PersonAsync(centre, Role.Candidate));

        var response = await client.GetAsync("/Portfolio/Evidence/Create");

        Assert.Equal("/Portfolio", response.Headers.Location!.OriginalString);
        var dashboard = await Html.GetAsync(client, "/Portfolio");
        Assert.NotNull(dashboard.QuerySelector("#not-enrolled"));
    }
}
