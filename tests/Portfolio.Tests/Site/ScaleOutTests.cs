using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Site;

/// <summary>Two web nodes on one database: the second node is another app instance on the first one's database.</summary>
public sealed class TwoNodes : PortfolioApp
{
    protected override PortfolioApp NewSecondNode() => new();
}

public sealed class ScaleOutTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Signing_in_on_one_node_and_posting_a_form_on_the_other_both_work()
    {
        var centre = await nodes.CentreAsync();
        var person = await nodes.PersonAsync(centre, Role.Candidate);
        var first = await nodes.SignedInAsync(person);
        var cookie = nodes.SignInCookie(first);
        var second = nodes.Second.Client();
        second.DefaultRequestHeaders.Add("Cookie", cookie);

        var page = await Html.GetAsync(second, "/Account/ChangePassword");
        var antiforgery = page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/ChangePassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery, ["Input.Current"] = "wrong", ["Input.Replacement"] = "purple tractor meadow", ["Input.Confirmation"] = "purple tractor meadow",
            }),
        };
        var response = await second.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your current password is not right", Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(person.DisplayName, (await Html.ParseAsync(response)).QuerySelector("#signed-in-name")!.TextContent);
    }

    [Fact]
    public async Task Pages_kept_in_one_nodes_memory_show_a_change_made_through_the_other_node_on_the_next_request()
    {
        var e = await nodes.EnrolledCandidateAsync();
        var candidateOnFirst = await nodes.SignedInAsync(e.Candidate);
        var assessorOnFirst = await nodes.SignedInAsync(e.Assessor);
        var candidateOnSecond = nodes.Second.Client();
        candidateOnSecond.DefaultRequestHeaders.Add("Cookie", nodes.SignInCookie(candidateOnFirst));
        Assert.NotNull((await Html.GetAsync(candidateOnFirst, "/Portfolio")).QuerySelector("#no-evidence"));
        Assert.NotNull((await Html.GetAsync(assessorOnFirst, "/Assess")).QuerySelector("#queue-empty"));

        var create = await Html.GetAsync(candidateOnSecond, "/Portfolio/Evidence/Create");
        var created = await Html.SubmitAsync(candidateOnSecond, create.QuerySelector<IHtmlFormElement>("#create-evidence-form")!, new()
        {
            ["Input.Kind"] = "action-plan", ["Input.Title"] = "Plan written on the second node",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);

        var dashboard = await Html.GetAsync(candidateOnFirst, "/Portfolio");
        Assert.Contains("Plan written on the second node", dashboard.QuerySelector("#evidence-list")!.TextContent);
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(created.Headers.Location!.OriginalString, @"id=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var view = $"/Portfolio/Evidence/View?id={id}";
        Assert.Equal("Plan written on the second node", (await Html.GetAsync(candidateOnFirst, view)).QuerySelector("#evidence-title")!.TextContent);

        var version = await nodes.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id", new { id });
        Assert.Equal(Portfolio.Evidence.EvidenceRefusal.None, await new Portfolio.Evidence.EvidenceStore(nodes.DataSource).SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, true));

        Assert.NotNull((await Html.GetAsync(assessorOnFirst, "/Assess")).QuerySelector($"#queue tr[data-item='{id}']"));
        Assert.NotNull((await Html.GetAsync(candidateOnFirst, view)).QuerySelector("#submitted-note"));
    }
}
