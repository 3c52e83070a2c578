using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Site;

/// <summary>Two web nodes on one database: the second node is another app instance on the first one's database.</summary>
public sealed class TwoNodes : PortfolioApp
{
    public PortfolioApp Second { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Second.UseDatabaseOf(this);
        await Second.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await base.DisposeAsync();
    }
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
}
