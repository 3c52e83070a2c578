using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dapper;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Site;

/// <summary>
/// Every form of the site, found by following links as each role of a seeded centre, answers bad input with a page
/// of its own: no 5xx, no exception in the log, nothing slower than 5 s. New pages are covered without being listed.
/// The sample of fields and mutations is random; FUZZ_SEED repeats a run (the seed is in any failure message).
/// </summary>
public sealed class FormFuzzTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    const int PagesPerRole = 60;
    const int FieldsPerForm = 3;
    const int MutationsPerField = 3;

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Every_form_answers_bad_input_without_a_server_error_a_logged_exception_or_a_slow_page()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var given) ? given : Random.Shared.Next();
        var random = new Random(seed);
        var (people, otherIds, foreignToken) = await SeedAsync();

        var problems = new List<string>();
        var done = new HashSet<string>();
        int forms = 0, requests = 0;
        // The administrator goes last: what their forms change (roles, passwords) must not sign the others out first.
        foreach (var (role, person) in people)
        {
            var client = await app.SignedInAsync(person);
            var fuzzer = new FormFuzzer(client, role, random, otherIds);
            var targets = await fuzzer.CrawlAsync(["/", SeededCentre.Home(role)], PagesPerRole);
            foreach (var target in targets.Where(t => done.Add(t.Key)))
            {
                forms++;
                await fuzzer.FuzzAsync(target, FieldsPerForm, MutationsPerField, foreignToken);
            }
            problems.AddRange(fuzzer.Problems);
            requests += fuzzer.Requests;
        }

        problems.AddRange(app.Log.Errors.Select(l => $"logged: {l}"));
        Assert.True(forms >= 15, $"Only {forms} forms were found: the crawl is not reaching the site.");
        Assert.True(problems.Count == 0,
            $"Seed {seed}, {forms} forms, {requests} requests. Problems:\n{string.Join("\n", problems.Distinct().Take(40))}");
    }

    /// <summary>The seeded centre of <see cref="SeededCentre"/>, and a second centre whose ids the forms are sent as bait.</summary>
    async Task<(List<(string Role, TestPerson Person)> People, List<long> OtherIds, string ForeignToken)> SeedAsync()
    {
        var people = await SeededCentre.ArrangeAsync(app);
        var other = await app.EnrolledCandidateAsync();
        var otherItem = await EvidenceTestSteps.ItemAsync(app, other, content: new() { Notes = "Another centre's work" });
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var otherIds = (await conn.QueryAsync<long>("""
            SELECT id FROM people WHERE centre_id = @centre
            UNION SELECT id FROM enrolments WHERE centre_id = @centre
            UNION SELECT @version UNION SELECT @item
            """, new { centre = other.CentreId, version = other.VersionId, item = otherItem })).ToList();
        var outsider = await app.SignedInAsync(other.Candidate);
        var foreignToken = (await Html.GetAsync(outsider, "/Account/ChangePassword"))
            .QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return (people, otherIds, foreignToken);
    }
}
