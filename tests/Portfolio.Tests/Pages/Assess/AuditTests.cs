using AngleSharp.Html.Dom;
using Dapper;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.Assess;

public sealed class AuditTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static IReadOnlyList<string> Actions(IHtmlDocument page) =>
        page.QuerySelectorAll("#audit tbody tr").Select(r => r.GetAttribute("data-action")!).ToList();

    [Fact]
    public async Task A_candidates_trail_lists_their_items_and_claims_even_withdrawn_ones_and_nothing_of_another_candidate()
    {
        var e = await app.EnrolledCandidateAsync();
        var store = new EvidenceStore(app.DataSource);
        var item = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument);
        var point = await app.PointIdAsync(e.VersionId, "1.1.2");
        Assert.Equal(EvidenceRefusal.None, await store.MapAsync(e.CentreId, e.Candidate.Id, item, point, "Shown", null));
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            var mappingId = await conn.ExecuteScalarAsync<long>("SELECT id FROM mappings WHERE item_id = @item", new { item });
            Assert.Equal(EvidenceRefusal.None, await store.UnmapAsync(e.CentreId, e.Candidate.Id, item, mappingId));
        }
        var other = await QualitySteps.AnotherCandidateAsync(app, e, e.Assessor);
        var theirs = await EvidenceTestSteps.ItemAsync(app, other, EvidenceKind.OtherDocument);
        Assert.Equal(EvidenceRefusal.None, await store.MapAsync(e.CentreId, other.Candidate.Id, theirs, point, "Theirs", null));

        var trail = await Html.GetAsync(await app.SignedInAsync(e.Assessor), $"/Assess/Audit?enrolmentId={e.EnrolmentId}");

        var actions = Actions(trail);
        Assert.Equal(["evidence.unmapped", "evidence.mapped"], actions.Where(a => a.StartsWith("evidence.", StringComparison.Ordinal)
            && a.EndsWith("mapped", StringComparison.Ordinal)));
        Assert.Contains("evidence.created", actions);
        Assert.DoesNotContain("Theirs", trail.QuerySelector("#audit")!.TextContent, StringComparison.Ordinal);
    }
}
