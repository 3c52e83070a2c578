using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Assess;

public sealed class SearchTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<long> SubmittedAsync(EnrolledCandidate e, string notes)
    {
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = notes });
        var version = await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id", new { id });
        await new EvidenceStore(app.DataSource).SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, true);
        return id;
    }

    [Fact]
    public async Task An_assessor_finds_only_their_own_candidates_evidence_and_an_iqa_the_whole_centre()
    {
        var mine = await app.EnrolledCandidateAsync();
        var theirs = await app.EnrolledCandidateAsync(mine.CentreId);
        var elsewhere = await app.EnrolledCandidateAsync();
        var mineId = await SubmittedAsync(mine, "We explored apprenticeships in horticulture together.");
        var theirsId = await SubmittedAsync(theirs, "The client researched horticultural apprenticeships alone.");
        await SubmittedAsync(elsewhere, "Another centre's horticulture apprenticeship plan.");
        var assessor = await app.SignedInAsync(mine.Assessor);
        var iqa = await app.SignedInAsync(mine.Iqa);

        var assessorHits = await Html.GetAsync(assessor, "/Assess/Search?q=apprenticeship+horticulture");
        var iqaHits = await Html.GetAsync(iqa, "/Verify/Search?q=apprenticeship+horticulture");

        Assert.Equal([mineId.ToString(System.Globalization.CultureInfo.InvariantCulture)], assessorHits.QuerySelectorAll("#results li").Select(li => li.GetAttribute("data-item")!).ToArray());
        Assert.Equal(2, iqaHits.QuerySelectorAll("#results li").Length);
        Assert.Contains(iqaHits.QuerySelectorAll("#results li"), li => li.GetAttribute("data-item") == theirsId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEmpty(assessorHits.QuerySelectorAll("#results mark"));
    }

    [Fact]
    public async Task Drafts_are_not_searchable_and_markup_in_text_stays_text()
    {
        var e = await app.EnrolledCandidateAsync();
        await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = "draft about volunteering" });
        await SubmittedAsync(e, "<b>volunteering</b> <script>alert(1)</script> at the food bank");
        var assessor = await app.SignedInAsync(e.Assessor);

        var hits = await Html.GetAsync(assessor, "/Assess/Search?q=volunteering");

        Assert.Single(hits.QuerySelectorAll("#results li"));
        Assert.Empty(hits.QuerySelectorAll("#results script, #results b"));
    }

    [Fact]
    public async Task Hits_come_best_first_and_a_long_list_is_paged_with_links_that_keep_the_search()
    {
        var e = await app.EnrolledCandidateAsync();
        var best = await SubmittedAsync(e, "Mentoring, mentoring and mentoring again: mentoring shaped every session.");
        for (var i = 0; i < EvidenceSearch.PageSize; i++)
        {
            await SubmittedAsync(e, $"Session {i}: we mentioned mentoring once among many other topics of the review.");
        }
        var iqa = await app.SignedInAsync(e.Iqa);

        var first = await Html.GetAsync(iqa, "/Verify/Search?q=mentoring");

        Assert.Equal(best.ToString(System.Globalization.CultureInfo.InvariantCulture), first.QuerySelector("#results li")!.GetAttribute("data-item"));
        Assert.Equal(EvidenceSearch.PageSize, first.QuerySelectorAll("#results li").Length);
        Assert.Contains("21 results", first.QuerySelector("#result-count")!.TextContent, StringComparison.Ordinal);
        var next = first.QuerySelector("#next-page")!.GetAttribute("href")!;
        Assert.Contains("q=mentoring", next, StringComparison.Ordinal);
        var second = await Html.GetAsync(iqa, next);
        Assert.Single(second.QuerySelectorAll("#results li"));
        Assert.DoesNotContain(best.ToString(System.Globalization.CultureInfo.InvariantCulture),
            second.QuerySelectorAll("#results li").Select(li => li.GetAttribute("data-item")));
    }

    [Fact]
    public async Task A_phrase_a_negation_and_a_word_that_matches_nothing_each_answer()
    {
        var e = await app.EnrolledCandidateAsync();
        var plan = await SubmittedAsync(e, "We wrote an action plan with three steps.");
        var other = await SubmittedAsync(e, "The plan for action came later, after the interview.");
        var iqa = await app.SignedInAsync(e.Iqa);

        var phrase = await Html.GetAsync(iqa, "/Verify/Search?q=%22action+plan%22");
        var negation = await Html.GetAsync(iqa, "/Verify/Search?q=plan+-interview");
        var nothing = await Html.GetAsync(iqa, "/Verify/Search?q=xylophone");

        Assert.Equal([plan], phrase.QuerySelectorAll("#results li").Select(li => long.Parse(li.GetAttribute("data-item")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([plan], negation.QuerySelectorAll("#results li").Select(li => long.Parse(li.GetAttribute("data-item")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEqual(plan, other);
        Assert.Contains("0 results", nothing.QuerySelector("#result-count")!.TextContent, StringComparison.Ordinal);
        Assert.Null(nothing.QuerySelector("#pagination"));
    }
}
