using Portfolio.Rubrics;
using static Dapper.SqlMapper;

namespace Portfolio.Evidence;

/// <summary>The action plan a progress review looks back on, at its newest revision the viewer may read.</summary>
public sealed record ReviewedPlan(long ItemId, string Title, int RevisionNumber, IReadOnlyList<PlanStepInput> Steps);

/// <summary>A progress review that looks back on a plan, at its newest revision the viewer may read.</summary>
public sealed record PlanReview(long ItemId, string Title, int RevisionNumber);

/// <summary>
/// How a progress review and its plan point at each other: the plan a review looks back on, or the reviews of a plan.
/// <paramref name="PlanWithheld"/> when the review names a plan the viewer may not read.
/// </summary>
public sealed record PlanLinks(ReviewedPlan? Plan, bool PlanWithheld, IReadOnlyList<PlanReview> ReviewedIn)
{
    public static readonly PlanLinks None = new(null, false, []);

    /// <summary>The items linked from here, to check when the viewer's reach is narrower than the centre.</summary>
    public IEnumerable<long> ItemIds => ReviewedIn.Select(r => r.ItemId).Concat(Plan is null ? [] : [Plan.ItemId]);

    /// <summary>These links with everything outside <paramref name="allowed"/> left out.</summary>
    public PlanLinks Within(IReadOnlySet<long> allowed) => new(
        Plan is not null && allowed.Contains(Plan.ItemId) ? Plan : null,
        PlanWithheld || (Plan is not null && !allowed.Contains(Plan.ItemId)),
        ReviewedIn.Where(r => allowed.Contains(r.ItemId)).ToList());

    /// <summary>
    /// Read with the item itself (the end of its batch): the plans its revisions review and the reviews of it, both in
    /// its own candidate's portfolio; drafts only for the candidate themself.
    /// </summary>
    internal static readonly string Sql = $"""
        SELECT p.id AS item_id, p.title, r.number AS revision_number, r.content::text AS content
        FROM evidence_items p
        {NewestVisible("p")}
        WHERE p.kind = 'action-plan' AND p.centre_id = @centreId
          AND p.candidate_id = (SELECT candidate_id FROM evidence_items WHERE id = @itemId)
          AND p.id IN (SELECT (content->>'reviewedItemId')::bigint FROM evidence_revisions
                       WHERE item_id = @itemId AND jsonb_typeof(content->'reviewedItemId') = 'number');
        SELECT v.id AS item_id, v.title, r.number AS revision_number
        FROM evidence_items v
        {NewestVisible("v")}
        WHERE v.kind = 'progress-review' AND v.centre_id = @centreId
          AND v.candidate_id = (SELECT candidate_id FROM evidence_items WHERE id = @itemId)
          AND r.content->>'reviewedItemId' = CAST(@itemId AS text)
        ORDER BY v.id;
        """;

    /// <summary>The newest revision of item <paramref name="alias"/> the viewer may read: submitted, or their own draft.</summary>
    static string NewestVisible(string alias) => $"""
        JOIN LATERAL (SELECT number, content FROM evidence_revisions
                      WHERE item_id = {alias}.id AND (submitted_at IS NOT NULL OR {alias}.candidate_id = @viewerId)
                      ORDER BY number DESC LIMIT 1) r ON true
        """;

    sealed record PlanRow(long ItemId, string Title, int RevisionNumber, string Content);

    /// <summary>Reads <see cref="Sql"/>'s results for an item of <paramref name="kind"/> showing <paramref name="shown"/>.</summary>
    internal static async Task<PlanLinks> ReadAsync(GridReader grid, EvidenceKind kind, EvidenceContent shown)
    {
        var plans = (await grid.ReadAsync<PlanRow>()).ToList();
        var reviews = (await grid.ReadAsync<PlanReview>()).ToList();
        var planId = kind == EvidenceKind.ProgressReview ? shown.ReviewedItemId : null;
        var row = plans.FirstOrDefault(p => p.ItemId == planId);
        var plan = row is null
            ? null
            : new ReviewedPlan(row.ItemId, row.Title, row.RevisionNumber, EvidenceContent.FromJson(row.Content).Steps);
        return new PlanLinks(plan, planId is not null && plan is null, kind == EvidenceKind.ActionPlan ? reviews : []);
    }
}
