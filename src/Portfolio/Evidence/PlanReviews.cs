using Dapper;
using Npgsql;
using Portfolio.Rubrics;

namespace Portfolio.Evidence;

/// <summary>The action plan a progress review looks back on, at its newest revision the viewer may read.</summary>
public sealed record ReviewedPlan(long ItemId, string Title, int RevisionNumber, IReadOnlyList<PlanStepInput> Steps);

/// <summary>A progress review that looks back on a plan.</summary>
public sealed record PlanReview(long ItemId, string Title, int RevisionNumber);

/// <summary>
/// How a progress review and its plan point at each other: the plan a review looks back on, or the reviews of a plan.
/// <paramref name="PlanWithheld"/> when the review names a plan the viewer may not read.
/// </summary>
public sealed record PlanLinks(ReviewedPlan? Plan, bool PlanWithheld, IReadOnlyList<PlanReview> ReviewedIn)
{
    public static readonly PlanLinks None = new(null, false, []);

    /// <summary>The items linked from here, to check one by one when the viewer's reach is narrower than the centre.</summary>
    public IEnumerable<long> ItemIds => ReviewedIn.Select(r => r.ItemId).Concat(Plan is null ? [] : [Plan.ItemId]);

    /// <summary>These links with everything outside <paramref name="allowed"/> left out.</summary>
    public PlanLinks Within(IReadOnlySet<long> allowed) => new(
        Plan is not null && allowed.Contains(Plan.ItemId) ? Plan : null,
        PlanWithheld || (Plan is not null && !allowed.Contains(Plan.ItemId)),
        ReviewedIn.Where(r => allowed.Contains(r.ItemId)).ToList());
}

/// <summary>Reads the links between progress reviews and the plans they review, inside one candidate's portfolio.</summary>
public sealed class PlanReviews(NpgsqlDataSource db)
{
    // Both ends belong to the item's own candidate; drafts only for the candidate themself.
    const string Sql = """
        SELECT i.id AS item_id, i.title, r.number AS revision_number, r.content::text AS content
        FROM evidence_items i
        JOIN LATERAL (SELECT number, content FROM evidence_revisions
                      WHERE item_id = i.id AND (submitted_at IS NOT NULL OR @drafts)
                      ORDER BY number DESC LIMIT 1) r ON true
        WHERE i.id = @planId AND i.candidate_id = @candidateId AND i.centre_id = @centreId AND i.kind = 'action-plan';
        SELECT i.id AS item_id, i.title, r.number AS revision_number
        FROM evidence_items i
        JOIN LATERAL (SELECT number, content FROM evidence_revisions
                      WHERE item_id = i.id AND (submitted_at IS NOT NULL OR @drafts)
                      ORDER BY number DESC LIMIT 1) r ON true
        WHERE i.candidate_id = @candidateId AND i.centre_id = @centreId AND i.kind = 'progress-review'
          AND r.content->>'reviewedItemId' = @itemText
        ORDER BY i.id
        """;

    sealed record PlanRow(long ItemId, string Title, int RevisionNumber, string Content);

    /// <summary>The links of the item shown; <paramref name="drafts"/> lets draft revisions count (the candidate's own view).</summary>
    public async Task<PlanLinks> ForAsync(EvidenceDetail item, bool drafts, CancellationToken ct = default)
    {
        var planId = item.Kind == EvidenceKind.ProgressReview ? item.Content.ReviewedItemId : null;
        if (planId is null && item.Kind != EvidenceKind.ActionPlan)
        {
            return PlanLinks.None;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new
        {
            planId = planId ?? 0, candidateId = item.CandidateId, centreId = item.CentreId, drafts,
            itemText = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken: ct));
        var row = (await results.ReadAsync<PlanRow>()).SingleOrDefault();
        var reviews = item.Kind == EvidenceKind.ActionPlan ? (await results.ReadAsync<PlanReview>()).ToList() : [];
        var plan = row is null ? null : new ReviewedPlan(row.ItemId, row.Title, row.RevisionNumber, EvidenceContent.FromJson(row.Content).Steps);
        return new PlanLinks(plan, planId is not null && plan is null, reviews);
    }
}
