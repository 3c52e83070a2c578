using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Evidence;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>Starting a new revision after feedback.</summary>
public sealed partial class ViewEvidenceTests
{
    [Fact]
    public async Task Starting_a_new_revision_from_two_tabs_at_the_same_moment_starts_one()
    {
        var (e, id, client) = await ItemWithTextAsync();
        var store = new EvidenceStore(app.DataSource);
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true);
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, [], [], "Add dates.", true));
        var (firstTab, secondTab) = (await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}"), await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}"));

        HttpResponseMessage[] responses;
        await using (var held = await HeldRowLock.TakeAsync(app.DataSource, "SELECT 1 FROM evidence_revisions WHERE item_id = @id FOR UPDATE", new { id }))
        {
            var starts = Task.WhenAll(
                Html.SubmitAsync(client, (IHtmlFormElement)firstTab.QuerySelector("#revise")!.Closest("form")!, new(), "#revise"),
                Html.SubmitAsync(client, (IHtmlFormElement)secondTab.QuerySelector("#revise")!.Closest("form")!, new(), "#revise"));
            await held.ReleaseWhenWaitingAsync(2);
            responses = await starts;
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(2, await app.ScalarAsync<int>("SELECT count(*) FROM evidence_revisions WHERE item_id = @id", new { id }));
    }
}
