using System.Net;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>"Marking points this may show": worked out after a save, claimed or dismissed by the candidate, logged.</summary>
public sealed partial class ViewEvidenceTests
{
    [Fact]
    public async Task A_saved_item_says_suggestions_are_being_prepared_until_they_are_ready_then_quotes_the_passage()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: SuggestionSteps.ReviewAndConsent);
        var client = await app.SignedInAsync(e.Candidate);

        var before = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        await SuggestionSteps.RunSuggestionsAsync(app);
        var after = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");

        Assert.Contains("being prepared", before.QuerySelector("#suggestions-status")!.TextContent);
        var suggestion = SuggestionSteps.Suggestion(after, "1.1.9")!;
        Assert.True(suggestion is not null, after.QuerySelector("#suggestions")?.TextContent);
        var quote = suggestion.QuerySelector("mark")!.TextContent;
        Assert.Contains(quote, SuggestionSteps.ReviewAndConsent.ReviewMethod);
        Assert.Null(after.QuerySelector("#suggestions-status"));
    }

    [Fact]
    public async Task Evidence_saved_before_suggestions_existed_asks_for_them_when_it_is_opened()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: SuggestionSteps.ReviewAndConsent);
        await app.ScalarAsync<int>("DELETE FROM suggestion_runs WHERE item_id = @id RETURNING 1", new { id });
        var client = await app.SignedInAsync(e.Candidate);

        var opened = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var waiting = await app.ScalarAsync<int>("SELECT count(*)::int FROM suggestion_runs WHERE item_id = @id AND outcome IS NULL", new { id });
        await SuggestionSteps.RunSuggestionsAsync(app);
        var after = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");

        Assert.Contains("being prepared", opened.QuerySelector("#suggestions-status")!.TextContent);
        Assert.Equal(1, waiting);
        Assert.NotNull(SuggestionSteps.Suggestion(after, "1.1.9"));
    }

    [Fact]
    public async Task Claiming_a_suggestion_maps_the_point_with_an_annotation_on_the_quoted_passage_and_logs_it()
    {
        var (_, id, client) = await SuggestionSteps.SuggestedItemAsync(app);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var quote = SuggestionSteps.Suggestion(page, "1.1.9")!.QuerySelector("mark")!.TextContent;

        var response = await Html.SubmitAsync(client, (IHtmlFormElement)page.QuerySelector("#accept-1\\.1\\.9")!.Closest("form")!, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains("Began as a suggestion", after.QuerySelector("#mappings tr[data-point='1.1.9']")!.TextContent);
        Assert.Null(SuggestionSteps.Suggestion(after, "1.1.9"));
        Assert.Equal(quote, await app.ScalarAsync<string>("""
            SELECT a.quote_exact FROM mappings m JOIN annotations a ON a.id = m.annotation_id
            JOIN marking_points mp ON mp.id = m.marking_point_id WHERE m.item_id = @id AND mp.code = '1.1.9'
              AND m.suggestion_id IS NOT NULL
            """, new { id }));
        Assert.Equal(["accepted", "shown"], await EventsAsync(id, "1.1.9"));
    }

    [Fact]
    public async Task Dismissing_a_suggestion_hides_it_for_that_item_claims_nothing_and_logs_it()
    {
        var (_, id, client) = await SuggestionSteps.SuggestedItemAsync(app);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");

        await Html.SubmitAsync(client, (IHtmlFormElement)page.QuerySelector("#dismiss-1\\.1\\.9")!.Closest("form")!, []);

        var after = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Null(SuggestionSteps.Suggestion(after, "1.1.9"));
        Assert.Null(after.QuerySelector("#mappings tr[data-point='1.1.9']"));
        Assert.Equal(["dismissed", "shown"], await EventsAsync(id, "1.1.9"));
    }

    [Fact]
    public async Task A_suggestion_of_another_candidates_item_cannot_be_claimed()
    {
        var (_, id, client) = await SuggestionSteps.SuggestedItemAsync(app);
        var form = (IHtmlFormElement)(await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}"))
            .QuerySelector("#accept-1\\.1\\.9")!.Closest("form")!;
        var (_, otherId, other) = await SuggestionSteps.SuggestedItemAsync(app);

        var suggestionId = await app.ScalarAsync<long>("""
            SELECT g.id FROM suggestions g JOIN evidence_revisions r ON r.id = g.revision_id WHERE r.item_id = @id LIMIT 1
            """, new { id });
        await other.PostAsync($"/Portfolio/Evidence/View?id={otherId}&suggestionId={suggestionId}&handler=Accept",
            new FormUrlEncodedContent([]));
        await Html.SubmitAsync(other, form, []);

        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM mappings WHERE item_id IN (@id, @otherId)", new { id, otherId }));
    }

    Task<string[]> EventsAsync(long id, string code) => app.ScalarAsync<string[]>("""
        SELECT array_agg(v.event ORDER BY v.event) FROM suggestion_events v JOIN marking_points mp ON mp.id = v.marking_point_id
        WHERE v.item_id = @id AND mp.code = @code
        """, new { id, code });
}
