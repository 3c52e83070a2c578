using System.Net;
using AngleSharp.Dom;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

public sealed partial class ViewEvidenceTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    const string Account = "I helped the client break the goal into three small steps.\nThe client chose the first step herself and set the date.";

    async Task<(EnrolledCandidate E, long Id, HttpClient Client)> ItemWithTextAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = Account });
        return (e, id, await app.SignedInAsync(e.Candidate));
    }

    [Fact]
    public async Task Quoting_a_passage_without_javascript_annotates_it_with_its_marking_points()
    {
        var (e, id, client) = await ItemWithTextAsync();
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form", new()
        {
            ["Annotation.Quote"] = "The client chose the first step herself", ["Annotation.Comment"] = "Client-led choice", ["Annotation.PointIds"] = new[] { point.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Equal("The client chose the first step herself", page.QuerySelector("#evidence-text mark.app-annotation")!.TextContent);
        Assert.Contains("Shows 1.1.1", page.QuerySelector("#annotations")!.TextContent);
        var text = await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        Assert.All(page.QuerySelectorAll("#evidence-text [data-at]"), run =>
            Assert.Equal(text.Substring(int.Parse(run.GetAttribute("data-at")!, System.Globalization.CultureInfo.InvariantCulture), run.TextContent.Length), run.TextContent));
    }

    [Fact]
    public async Task Markdown_saved_in_the_form_is_shown_rendered_and_a_script_in_it_stays_words()
    {
        var (_, id, client) = await ItemWithTextAsync();

        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Notes"] = RenderedMarkdown.Notes });
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");

        RenderedMarkdown.AssertRendered(page.QuerySelector("#evidence-text"));
        Assert.Equal("Account", page.QuerySelector("#evidence-text h2.app-evidence__heading")!.TextContent);
    }

    [Fact]
    public async Task Every_free_text_part_of_an_action_plan_is_rendered_and_its_steps_stay_lines()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: new EvidenceContent
        {
            ClientSituation = "Out of work for **six** months.", ClientGoals = "- retrain\n- find part-time work",
            Steps = [new PlanStepInput { Action = "Call the college", Who = "Client", Measure = "A place **offered**" }],
        });
        var client = await app.SignedInAsync(e.Candidate);

        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");

        var text = page.QuerySelector("#evidence-text")!;
        Assert.Equal("six", text.QuerySelector("strong")!.TextContent);
        Assert.Equal(["retrain", "find part-time work"], text.QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.Contains("Step 1: Call the college", text.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Contains("How we will know it is done: A place **offered**", text.TextContent);
    }

    [Fact]
    public async Task Selecting_words_inside_bold_text_annotates_the_passage_they_came_from()
    {
        var (e, id, client) = await ItemWithTextAsync();
        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Notes"] = RenderedMarkdown.Notes });
        var text = await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        var start = text.IndexOf("was **motivated", StringComparison.Ordinal);

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form", new()
        {
            ["Annotation.Quote"] = "was motivated", ["Annotation.Start"] = $"{start}", ["Annotation.End"] = $"{start + "was **motivated".Length}",
            ["Annotation.Comment"] = "The client's **own** drive",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Equal("was motivated", string.Concat(page.QuerySelectorAll("#evidence-text mark.app-annotation").Select(m => m.TextContent)));
        Assert.Equal("own", page.QuerySelector("#annotations strong")!.TextContent);
    }

    [Fact]
    public async Task Words_typed_as_they_read_on_the_page_annotate_the_passage_across_bold_and_list_marks()
    {
        var (_, id, client) = await ItemWithTextAsync();
        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Notes"] = RenderedMarkdown.Notes });

        var bold = await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form", new()
        {
            ["Annotation.Quote"] = "was motivated", ["Annotation.Comment"] = "Typed without the bold marks",
        });
        var list = await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form", new()
        {
            ["Annotation.Quote"] = "course first then applications", ["Annotation.Comment"] = "Two list items typed as they read",
        });

        Assert.Equal(HttpStatusCode.Redirect, bold.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var marked = page.QuerySelectorAll("#evidence-text mark.app-annotation").Select(m => m.TextContent).ToList();
        Assert.Contains("was motivated", string.Concat(marked), StringComparison.Ordinal);
        Assert.Contains("course first", string.Concat(marked), StringComparison.Ordinal);
        Assert.Contains("then applications", string.Concat(marked), StringComparison.Ordinal);
        var quotes = page.QuerySelectorAll("#annotations .app-annotation-list__quote").Select(q => q.TextContent).ToList();
        Assert.Contains("“was motivated”", quotes);
        Assert.Contains("“course first then applications”", quotes);
    }

    [Fact]
    public async Task A_quote_that_is_not_in_the_text_is_refused_with_a_reason()
    {
        var (_, id, client) = await ItemWithTextAsync();

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form", new() { ["Annotation.Quote"] = "words never written", ["Annotation.Comment"] = "x" });

        Assert.Contains("Those words are not in the text: copy them exactly as they appear", Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM annotations WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task An_annotation_follows_its_passage_after_an_edit_and_is_shown_orphaned_when_the_passage_goes()
    {
        var (_, id, client) = await ItemWithTextAsync();
        await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form", new() { ["Annotation.Quote"] = "set the date", ["Annotation.Comment"] = "Time-bound" });

        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Notes"] = "First, some new context.\n" + Account });
        var moved = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.Notes"] = "Completely rewritten without that passage." });
        var gone = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");

        Assert.Equal("set the date", moved.QuerySelector("#evidence-text mark.app-annotation")!.TextContent);
        Assert.Null(gone.QuerySelector("#evidence-text mark.app-annotation"));
        Assert.NotNull(gone.QuerySelector("#annotations .app-orphaned"));
        Assert.Contains("set the date", gone.QuerySelector("#annotations")!.TextContent);
    }

    [Fact]
    public async Task Mapping_a_marking_point_lists_it_and_counts_towards_progress()
    {
        var (e, id, client) = await ItemWithTextAsync();
        var point = await app.PointIdAsync(e.VersionId, "1.2.1");

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#map-form", new() { ["Mapping.PointId"] = point.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Mapping.Rationale"] = "Shows a supportive review" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains("Shows a supportive review", page.QuerySelector("#mappings tr[data-point='1.2.1']")!.TextContent);
        var dashboard = await Html.GetAsync(client, "/Portfolio");
        Assert.Contains("1 claimed", dashboard.QuerySelector($"#progress-{e.EnrolmentId}-1\\.2")!.TextContent);
    }

    [Fact]
    public async Task Mapping_a_marking_point_of_another_rubric_version_is_refused()
    {
        var (_, id, client) = await ItemWithTextAsync();
        var otherCentre = await app.CentreAsync("Other centre");
        var foreignVersion = await app.ShippedRubricAsync(otherCentre);
        var foreign = await app.PointIdAsync(foreignVersion, "1.1.1");

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#map-form", new() { ["Mapping.PointId"] = foreign.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("Choose marking points from your own qualification", Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM mappings WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task A_progress_review_chosen_in_the_form_shows_the_plan_it_reviews_and_the_plan_links_back()
    {
        var e = await app.EnrolledCandidateAsync();
        var plan = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: new EvidenceContent
        {
            Steps = [new PlanStepInput { Action = "Phone the college", Who = "Client" }, new PlanStepInput { Action = "Update the CV", Who = "Adviser" }],
        });
        var review = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ProgressReview);
        var client = await app.SignedInAsync(e.Candidate);
        await EvidenceTestSteps.SaveAsync(client, review, new()
        {
            ["Input.Content.ReviewedItemId"] = plan.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Content.Achievements"] = "Called the college.",
        });

        var reviewPage = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={review}");
        var planPage = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={plan}");

        ReviewedPlanChecks.AssertPlanBesideReview(reviewPage, "/Portfolio/Evidence/View?id=", plan);
        ReviewedPlanChecks.AssertPlanLinksBack(planPage, "/Portfolio/Evidence/View?id=", review);
    }
}
