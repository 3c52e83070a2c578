using System.Globalization;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Verify;

public sealed class SearchTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    Task<long> SubmittedAsync(EnrolledCandidate e, string notes) => EvidenceTestSteps.SubmittedNotesAsync(app, e, notes);

    /// <summary>
    /// 33 submitted items of two candidates of the centre, each with the word; every third also has the negated word.
    /// Returns the ids of those without it (22: more than a page).
    /// </summary>
    async Task<HashSet<long>> WithoutTheNegatedWordAsync(EnrolledCandidate e, string word, string negated)
    {
        var other = await app.EnrolledCandidateAsync(e.CentreId);
        var expected = new HashSet<long>();
        for (var i = 0; i < 33; i++)
        {
            var id = await SubmittedAsync(i % 2 == 0 ? e : other,
                i % 3 == 0 ? $"{word} in session {i}, after the {negated}."
                    : $"{word} in session {i}, with the client.");
            if (i % 3 != 0)
            {
                expected.Add(id);
            }
        }
        return expected;
    }

    /// <summary>The items found on every page of the search, following the next-page links.</summary>
    static async Task<List<long>> EveryPageAsync(HttpClient client, string url)
    {
        var found = new List<long>();
        for (string? next = url; next is not null;)
        {
            var page = await Html.GetAsync(client, next);
            found.AddRange(page.QuerySelectorAll("#results li")
                .Select(li => long.Parse(li.GetAttribute("data-item")!, CultureInfo.InvariantCulture)));
            next = page.QuerySelector("#next-page")?.GetAttribute("href");
        }
        return found;
    }

    [Fact]
    public async Task A_negation_finds_exactly_the_centres_revisions_with_the_word_and_without_the_negated_one()
    {
        var e = await app.EnrolledCandidateAsync();
        var expected = await WithoutTheNegatedWordAsync(e, "Mentoring", "interview");
        var iqa = await app.SignedInAsync(e.Iqa);

        var first = await Html.GetAsync(iqa, "/Verify/Search?q=mentoring+-interview");
        var found = await EveryPageAsync(iqa, "/Verify/Search?q=mentoring+-interview");

        Assert.Contains($"{expected.Count} results", first.QuerySelector("#result-count")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(EvidenceSearch.PageSize, first.QuerySelectorAll("#results li").Length);
        Assert.Equal(expected.Count, found.Count);
        Assert.Equal(expected, found.ToHashSet());
    }

    [Fact]
    public async Task A_negation_never_finds_another_centres_revisions_even_when_they_are_the_newest()
    {
        var e = await app.EnrolledCandidateAsync();
        var expected = await WithoutTheNegatedWordAsync(e, "Coaching", "referral");
        var elsewhere = await app.EnrolledCandidateAsync();
        var theirs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            theirs.Add(await SubmittedAsync(elsewhere, $"Coaching in session {i} of another centre."));
        }
        var iqa = await app.SignedInAsync(e.Iqa);
        var theirIqa = await app.SignedInAsync(elsewhere.Iqa);

        var found = await EveryPageAsync(iqa, "/Verify/Search?q=coaching+-referral");
        var foundThere = await EveryPageAsync(theirIqa, "/Verify/Search?q=coaching+-referral");

        Assert.Equal(expected.Count, found.Count);
        Assert.Equal(expected, found.ToHashSet());
        Assert.Equal(theirs.ToHashSet(), foundThere.ToHashSet());
    }
}
