using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>A site whose sentence model cannot load: it runs, and the evidence and admin pages say why there are no suggestions.</summary>
public sealed class SuggestionFailureTests(SuggestionFailureTests.ModelOffApp app) : IClassFixture<SuggestionFailureTests.ModelOffApp>
{
    public sealed class ModelOffApp : PortfolioApp
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Suggestions:Model"] = "off",
        };
    }

    [Fact]
    public async Task A_model_that_cannot_load_leaves_the_evidence_page_working_and_it_says_why()
    {
        var (e, id, client) = await SuggestionSteps.SuggestedItemAsync(app);

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var settings = await Html.GetAsync(admin, "/Admin/Suggestions");

        Assert.Contains("could not be loaded", page.QuerySelector("#suggestions-status")!.TextContent);
        Assert.NotNull(page.QuerySelector("#evidence-text"));
        Assert.Contains("Suggestions:Model is set to off", settings.QuerySelector("#model-status")!.TextContent);
    }

    [Theory]
    [InlineData("", "no text to read yet")]
    [InlineData("J'ai demandé à la cliente ce qui pourrait poser problème. Elle a dit que la garde des enfants "
        + "pourrait manquer le mardi.", "does not look like English")]
    [InlineData(null, "longer than 12,000 words")]
    public async Task Empty_foreign_or_enormous_text_gets_no_suggestions_and_the_page_says_why(string? notes,
        string reason)
    {
        notes ??= string.Join(' ', Enumerable.Repeat("I asked the client what might get in the way of her plan.",
            Portfolio.Suggestions.Passages.MaxWords / 12 + 1));
        var content = new EvidenceContent { Notes = notes };

        var (_, id, client) = await SuggestionSteps.SuggestedItemAsync(app, content, EvidenceKind.OtherDocument);

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains(reason, page.QuerySelector("#suggestions-status")!.TextContent);
        Assert.NotNull(page.QuerySelector("#map-form"));
    }

    [Fact]
    public async Task Text_of_only_a_table_gets_no_suggestions_and_the_page_says_why()
    {
        var content = new EvidenceContent { Notes = "| Step | Who | When |\n|---|---|---|\n| Call the college | Client | 3 May |" };

        var (_, id, client) = await SuggestionSteps.SuggestedItemAsync(app, content, EvidenceKind.OtherDocument);

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains("only a table", page.QuerySelector("#suggestions-status")!.TextContent);
    }
}
