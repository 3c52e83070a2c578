using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>Arrange steps shared by the candidate evidence page tests.</summary>
public static class EvidenceTestSteps
{
    public static async Task<long> ItemAsync(TestDatabase db, EnrolledCandidate e, EvidenceKind kind = EvidenceKind.OtherDocument, string? model = null, EvidenceContent? content = null)
    {
        var store = new EvidenceStore(db.DataSource);
        var id = (await store.CreateAsync(e.CentreId, e.Candidate.Id, e.EnrolmentId, kind, "Evidence for testing", model))!.Value;
        if (content is not null)
        {
            var version = await db.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id", new { id });
            Assert.Equal(EvidenceRefusal.None, await store.SaveDraftAsync(e.CentreId, e.Candidate.Id, id, "Evidence for testing", content, version));
        }
        return id;
    }

    /// <summary>An item of notes claiming the given marking points, submitted by the candidate.</summary>
    public static async Task<long> SubmittedAsync(TestDatabase db, EnrolledCandidate e, params string[] pointCodes)
    {
        var id = await ItemAsync(db, e, content: new EvidenceContent { Notes = "The client set her own goals and dates." });
        var store = new EvidenceStore(db.DataSource);
        foreach (var code in pointCodes)
        {
            var point = await db.PointIdAsync(e.VersionId, code);
            Assert.Equal(EvidenceRefusal.None, await store.MapAsync(e.CentreId, e.Candidate.Id, id, point, "Shown in the account", null));
        }
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, await RowVersionAsync(db, id), true, true));
        return id;
    }

    /// <summary>An item with the notes and no claims, submitted by the candidate.</summary>
    public static async Task<long> SubmittedNotesAsync(TestDatabase db, EnrolledCandidate e, string notes)
    {
        var id = await ItemAsync(db, e, content: new EvidenceContent { Notes = notes });
        var version = await RowVersionAsync(db, id);
        var store = new EvidenceStore(db.DataSource);
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, true));
        return id;
    }

    /// <summary>The row version of the item's newest revision, as the edit and submit forms carry it.</summary>
    public static Task<long> RowVersionAsync(TestDatabase db, long itemId) =>
        db.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @itemId ORDER BY number DESC LIMIT 1", new { itemId });

    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, long id, Dictionary<string, object> values)
    {
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/Edit?id={id}");
        return await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#evidence-form")!, values);
    }

    public static async Task<HttpResponseMessage> OnViewAsync(HttpClient client, long id, string formId, Dictionary<string, object> values)
    {
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        return await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>(formId)!, values);
    }
}
