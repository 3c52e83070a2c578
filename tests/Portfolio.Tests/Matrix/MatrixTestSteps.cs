using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Matrix;

/// <summary>A candidate with one submitted item claiming 1.1.1 (met), 1.1.2 (not yet) and 1.1.3 (claimed, unjudged).</summary>
public static class MatrixTestSteps
{
    public static async Task<(EnrolledCandidate E, long ItemId)> JudgedAsync(TestDatabase db, string title = "Plan with Client C", long? centreId = null)
    {
        var e = await db.EnrolledCandidateAsync(centreId);
        var id = await EvidenceTestSteps.ItemAsync(db, e, EvidenceKind.ActionPlan, content: new EvidenceContent { ClientGoals = "Return to nursing within a year." });
        await db.ScalarAsync<int>("UPDATE evidence_items SET title = @title WHERE id = @id RETURNING 1", new { title, id });
        var store = new EvidenceStore(db.DataSource);
        foreach (var code in new[] { "1.1.1", "1.1.2", "1.1.3" })
        {
            await store.MapAsync(e.CentreId, e.Candidate.Id, id, await db.PointIdAsync(e.VersionId, code), "", null);
        }
        var version = await db.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id", new { id });
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, true);
        await new AssessmentStore(db.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
        [
            new JudgementInput(await db.PointIdAsync(e.VersionId, "1.1.1"), Outcome.Met, "Clear."),
            new JudgementInput(await db.PointIdAsync(e.VersionId, "1.1.2"), Outcome.NotYet, "Add dates."),
        ], [], "", true);
        return (e, id);
    }
}
