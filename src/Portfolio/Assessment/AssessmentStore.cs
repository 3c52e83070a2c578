using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Assessment;

public enum Outcome { Met, NotYet, Rejected }

public static class Outcomes
{
    public static string Key(this Outcome o) => o switch { Outcome.Met => "met", Outcome.NotYet => "not-yet", _ => "rejected" };

    public static Outcome? Parse(string? key) => key switch { "met" => Outcome.Met, "not-yet" => Outcome.NotYet, "rejected" => Outcome.Rejected, _ => null };

    public static string DisplayName(string key) => key switch { "met" => "Met", "not-yet" => "Not yet met", "rejected" => "Not relevant to this point", _ => key };
}

/// <summary>An assessor's decision on one marking point for one revision.</summary>
public sealed record JudgementInput(long PointId, Outcome Outcome, string Feedback);

public sealed record Judgement(long Id, long MarkingPointId, string PointCode, string Outcome, string Feedback, DateTime JudgedAt, string AssessorName);

public sealed class Review
{
    public long Id { get; init; }
    public long RevisionId { get; init; }
    public string OverallFeedback { get; init; } = "";
    public DateTime? ReturnedAt { get; init; }
    public string? CandidateResponse { get; init; }
    public DateTime? RespondedAt { get; init; }
    public string AssessorName { get; init; } = "";
    public long RowVersion { get; init; }
}

public sealed record QueueEntry(long ItemId, string Title, string Kind, int RevisionNumber, long CandidateId, string CandidateName, DateTime SubmittedAt, bool Started)
{
    public int DaysWaiting(DateTime now) => (int)Math.Floor((now - SubmittedAt).TotalDays);
}

public enum AssessmentRefusal { None, NotFound, NotInRubric, Stale, AlreadyReturned, SignedOff, FeedbackNeeded, NotAllMet, AlreadySignedOff, ReasonNeeded }

/// <summary>Assessors' queues, judgements, returns, element sign-off and reopening; every change audited with before and after.</summary>
public sealed partial class AssessmentStore(NpgsqlDataSource db)
{
    // The newest judgement of each claimed (item, point) of an enrolment decides whether the point is met.
    internal const string MetPointsSql = """
        SELECT DISTINCT l.marking_point_id FROM (
            SELECT DISTINCT ON (j.item_id, j.marking_point_id) j.marking_point_id, j.outcome
            FROM judgements j JOIN evidence_items i ON i.id = j.item_id
            WHERE i.enrolment_id = @enrolmentId
            ORDER BY j.item_id, j.marking_point_id, j.judged_at DESC, j.id DESC) l
        WHERE l.outcome = 'met'
        """;

    const string TargetSql = """
        SELECT i.centre_id, i.candidate_id, i.enrolment_id, e.rubric_version_id, r.id AS revision_id, r.submitted_at,
               i.title
        FROM evidence_items i JOIN enrolments e ON e.id = i.enrolment_id
        JOIN LATERAL (SELECT id, submitted_at FROM evidence_revisions WHERE item_id = i.id ORDER BY number DESC LIMIT 1) r ON true
        WHERE i.id = @itemId AND i.centre_id = @centreId AND e.assessor_id = @assessorId
        FOR UPDATE OF i
        """;

    sealed record Target(long CentreId, long CandidateId, long EnrolmentId, long RubricVersionId, long RevisionId, DateTime? SubmittedAt, string Title);

    // Its own statement, run once the item is locked: it reads the review as the last save committed it (a row read in
    // the locking statement keeps the version seen before the wait) and holds it until this save commits.
    const string LockReviewSql = """
        SELECT id, returned_at, xmin::text::bigint AS row_version FROM assessment_reviews WHERE revision_id = @revisionId FOR UPDATE
        """;

    sealed record ReviewRow(long Id, DateTime? ReturnedAt, long RowVersion);

    const string PointsSql = """
        SELECT mp.id, el.id AS element_id FROM marking_points mp JOIN rubric_elements el ON el.id = mp.element_id
        WHERE mp.rubric_version_id = @versionId AND mp.id = ANY(@pointIds)
        """;

    // Judging and signing off an enrolment's elements take turns, so a sign-off never misses a judgement being saved.
    const string SignOffLockSql = "SELECT pg_advisory_xact_lock(@enrolmentId)";
    const string SignedOffSql = "SELECT element_id FROM element_signoffs WHERE enrolment_id = @enrolmentId AND reopened_at IS NULL AND element_id = ANY(@elementIds)";
    const string ClaimedSql = "SELECT marking_point_id FROM mappings WHERE item_id = @itemId";

    const string EnsureReviewSql = """
        INSERT INTO assessment_reviews (revision_id, assessor_id) VALUES (@revisionId, @assessorId)
        ON CONFLICT (revision_id) DO NOTHING RETURNING id
        """;

    const string PreviousSql = "SELECT outcome, feedback FROM judgements WHERE revision_id = @revisionId AND marking_point_id = @pointId";

    const string UpsertJudgementSql = """
        INSERT INTO judgements (review_id, revision_id, item_id, marking_point_id, outcome, feedback, assessor_id)
        VALUES (@reviewId, @revisionId, @itemId, @pointId, @outcome, @feedback, @assessorId)
        ON CONFLICT (revision_id, marking_point_id) DO UPDATE SET outcome = excluded.outcome, feedback = excluded.feedback,
            assessor_id = excluded.assessor_id, judged_at = now()
        """;

    const string AddedMappingSql = """
        INSERT INTO mappings (item_id, marking_point_id, rationale, created_by, added_by_assessor)
        VALUES (@itemId, @pointId, 'Added by the assessor', @assessorId, true) ON CONFLICT (item_id, marking_point_id) DO NOTHING
        """;

    const string UpdateReviewSql = """
        UPDATE assessment_reviews SET overall_feedback = @overall, updated_at = now(), assessor_id = @assessorId,
            returned_at = CASE WHEN @returnIt THEN now() ELSE returned_at END
        WHERE id = @reviewId
        """;

    /// <summary>
    /// Records the assessor's judgements on the newest submitted revision, optionally returning it to the candidate.
    /// <paramref name="reviewVersion"/> is the review's row version when the form was opened (0 before the first save):
    /// a save from a stale form is refused and nothing is written.
    /// </summary>
    public async Task<AssessmentRefusal> JudgeAsync(long centreId, long assessorId, long itemId, long reviewVersion,
        IReadOnlyList<JudgementInput> judgements, IReadOnlyList<long> addedPoints, string overallFeedback, bool returnToCandidate,
        IReadOnlyDictionary<long, long>? suggestedAdditions = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var t = await conn.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(TargetSql, new { itemId, centreId, assessorId }, tx, cancellationToken: ct));
        if (t is null || t.SubmittedAt is null)
        {
            return AssessmentRefusal.NotFound;
        }
        var review = await conn.QuerySingleOrDefaultAsync<ReviewRow>(new CommandDefinition(LockReviewSql, new { t.RevisionId }, tx, cancellationToken: ct));
        if (review?.ReturnedAt is not null)
        {
            return AssessmentRefusal.AlreadyReturned;
        }
        if ((review?.RowVersion ?? 0) != reviewVersion)
        {
            return AssessmentRefusal.Stale;
        }
        var pointIds = judgements.Select(j => j.PointId).Distinct().ToArray();
        var elements = (await conn.QueryAsync<(long Id, long ElementId)>(new CommandDefinition(PointsSql, new { versionId = t.RubricVersionId, pointIds }, tx, cancellationToken: ct)))
            .ToDictionary(p => p.Id, p => p.ElementId);
        if (elements.Count != pointIds.Length || !addedPoints.All(elements.ContainsKey))
        {
            return AssessmentRefusal.NotInRubric;
        }
        var claimed = (await conn.QueryAsync<long>(new CommandDefinition(ClaimedSql, new { itemId }, tx, cancellationToken: ct))).ToHashSet();
        if (judgements.Any(j => !claimed.Contains(j.PointId) && !addedPoints.Contains(j.PointId)))
        {
            return AssessmentRefusal.NotInRubric;
        }
        if (judgements.Any(j => j.Outcome == Outcome.NotYet && string.IsNullOrWhiteSpace(j.Feedback)))
        {
            return AssessmentRefusal.FeedbackNeeded;
        }
        // Sign-off takes this lock before it reads what is met: judging waits for a sign-off in progress, then sees it.
        await conn.ExecuteAsync(new CommandDefinition(SignOffLockSql, new { t.EnrolmentId }, tx, cancellationToken: ct));
        var locked = await conn.QueryAsync<long>(new CommandDefinition(SignedOffSql, new { t.EnrolmentId, elementIds = elements.Values.Distinct().ToArray() }, tx, cancellationToken: ct));
        if (locked.Any())
        {
            return AssessmentRefusal.SignedOff;
        }
        var reviewId = review?.Id ?? await conn.ExecuteScalarAsync<long?>(new CommandDefinition(EnsureReviewSql, new { t.RevisionId, assessorId }, tx, cancellationToken: ct));
        if (reviewId is null)
        {
            // Another assessor opened the review between our read and insert.
            return AssessmentRefusal.Stale;
        }
        foreach (var point in addedPoints)
        {
            await conn.ExecuteAsync(new CommandDefinition(AddedMappingSql, new { itemId, pointId = point, assessorId }, tx, cancellationToken: ct));
            await AuditTrail.WriteAsync(conn, new AuditEvent("mapping.added-by-assessor", centreId, assessorId, "evidence_item", itemId, After: new { pointId = point }), tx, ct);
            if (suggestedAdditions is not null && suggestedAdditions.TryGetValue(point, out var suggestionId))
            {
                await Suggestions.SuggestionStore.AddedByAssessorAsync(conn, tx, centreId, assessorId, itemId, point, suggestionId, ct);
            }
        }
        foreach (var j in judgements)
        {
            var before = await conn.QuerySingleOrDefaultAsync<(string Outcome, string Feedback)?>(new CommandDefinition(PreviousSql, new { t.RevisionId, pointId = j.PointId }, tx, cancellationToken: ct));
            var after = (Outcome: j.Outcome.Key(), Feedback: j.Feedback.Trim());
            if (before is { } b && b.Outcome == after.Outcome && b.Feedback == after.Feedback)
            {
                continue;
            }
            await conn.ExecuteAsync(new CommandDefinition(UpsertJudgementSql, new
            {
                reviewId, t.RevisionId, itemId, pointId = j.PointId, outcome = after.Outcome, feedback = after.Feedback, assessorId,
            }, tx, cancellationToken: ct));
            await AuditTrail.WriteAsync(conn, new AuditEvent("judgement.recorded", centreId, assessorId, "evidence_item", itemId,
                Before: before is { } p ? new { pointId = j.PointId, outcome = p.Outcome, feedback = AuditText.Of(p.Feedback) } : null,
                After: new { pointId = j.PointId, revisionId = t.RevisionId, outcome = after.Outcome, feedback = AuditText.Of(after.Feedback) }), tx, ct);
        }
        await conn.ExecuteAsync(new CommandDefinition(UpdateReviewSql, new { reviewId, overall = overallFeedback.Trim(), assessorId, returnIt = returnToCandidate }, tx, cancellationToken: ct));
        if (returnToCandidate)
        {
            await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.returned", centreId, assessorId, "evidence_item", itemId,
                After: new { revisionId = t.RevisionId, overallFeedback = AuditText.Of(overallFeedback.Trim()) }), tx, ct);
            await Notifications.NotifyAsync(conn, tx, centreId, t.CandidateId, $"Your assessor has judged \"{t.Title}\" and returned it with feedback.",
                $"/Portfolio/Evidence/View?id={itemId}", ct);
            await Mail.EventMail.EvidenceReturnedAsync(conn, tx, centreId, assessorId, t.CandidateId, itemId, ct);
        }
        await tx.CommitAsync(ct);
        return AssessmentRefusal.None;
    }

    const string RespondSql = """
        UPDATE assessment_reviews ar SET candidate_response = @response, responded_at = now()
        FROM evidence_revisions r JOIN evidence_items i ON i.id = r.item_id
        WHERE ar.revision_id = r.id AND r.item_id = @itemId AND r.number = @revisionNumber AND i.candidate_id = @candidateId
          AND i.centre_id = @centreId AND ar.returned_at IS NOT NULL
        RETURNING ar.assessor_id, i.title
        """;

    /// <summary>The candidate's answer to the feedback on a returned revision.</summary>
    public async Task<AssessmentRefusal> RespondAsync(long centreId, long candidateId, long itemId, int revisionNumber, string response, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(long AssessorId, string Title)?>(new CommandDefinition(RespondSql, new { centreId, candidateId, itemId, revisionNumber, response = response.Trim() }, tx, cancellationToken: ct));
        if (row is null)
        {
            return AssessmentRefusal.NotFound;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("feedback.answered", centreId, candidateId, "evidence_item", itemId, After: new { revisionNumber, response = AuditText.Of(response.Trim()) }), tx, ct);
        await Notifications.NotifyAsync(conn, tx, centreId, row.Value.AssessorId, $"Your candidate answered your feedback on \"{row.Value.Title}\".", $"/Assess/Review?id={itemId}", ct);
        await tx.CommitAsync(ct);
        return AssessmentRefusal.None;
    }

    public sealed record ElementStatus(long ElementId, string Code, string Title, int Total, int Met, long? SignOffId, DateTime? SignedAt,
        DateTime? CandidateConfirmedAt, string? SignedBy)
    {
        public bool CanSignOff => SignOffId is null && Total > 0 && Met == Total;
    }

    /// <summary>An element signed off by the assessor that the candidate has yet to confirm.</summary>
    public sealed record SignOffToConfirm(long SignOffId, string Code, string Title, DateTime SignedAt, string SignedBy);

    internal const string ToConfirmSql = """
        SELECT s.id AS sign_off_id, el.code, el.title, s.signed_at, p.display_name AS signed_by
        FROM element_signoffs s JOIN enrolments e ON e.id = s.enrolment_id
        JOIN rubric_elements el ON el.id = s.element_id JOIN people p ON p.id = s.assessor_id
        WHERE e.candidate_id = @candidateId AND e.centre_id = @centreId AND s.reopened_at IS NULL AND s.candidate_confirmed_at IS NULL
        ORDER BY e.id, el.position
        """;

    const string ElementsSql = """
        SELECT el.id AS element_id, el.code, el.title, count(mp.id)::int AS total,
               count(mp.id) FILTER (WHERE mp.id IN (SELECT marking_point_id FROM met))::int AS met,
               s.id AS sign_off_id, s.signed_at, s.candidate_confirmed_at, p.display_name AS signed_by
        FROM enrolments e
        JOIN rubric_elements el ON el.rubric_version_id = e.rubric_version_id
        JOIN rubric_units u ON u.id = el.unit_id
        JOIN marking_points mp ON mp.element_id = el.id
        LEFT JOIN element_signoffs s ON s.enrolment_id = e.id AND s.element_id = el.id AND s.reopened_at IS NULL
        LEFT JOIN people p ON p.id = s.assessor_id
        WHERE e.id = @enrolmentId
        GROUP BY el.id, u.position, s.id, p.display_name ORDER BY u.position, el.position
        """;

    /// <summary>Each element of an enrolment: marking points met of total, and its live sign-off if any.</summary>
    public async Task<IReadOnlyList<ElementStatus>> ElementsAsync(long enrolmentId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ElementStatus>(new CommandDefinition($"WITH met AS ({MetPointsSql}) {ElementsSql}", new { enrolmentId }, cancellationToken: ct))).ToList();
    }

    const string EnrolmentForAssessorSql = "SELECT candidate_id FROM enrolments WHERE id = @enrolmentId AND centre_id = @centreId AND assessor_id = @assessorId";

    const string SignOffSql = """
        INSERT INTO element_signoffs (enrolment_id, element_id, assessor_id, assessor_declaration)
        VALUES (@enrolmentId, @elementId, @assessorId, @declaration) RETURNING id
        """;

    public const string Declaration = "I confirm that the evidence for every marking point of this element is valid, authentic, current and sufficient, and is the candidate's own work.";

    /// <summary>Signs off an element when every marking point is met by at least one judged mapping.</summary>
    public async Task<AssessmentRefusal> SignOffAsync(long centreId, long assessorId, long enrolmentId, long elementId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var candidateId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(EnrolmentForAssessorSql, new { enrolmentId, centreId, assessorId }, tx, cancellationToken: ct));
        if (candidateId is null)
        {
            return AssessmentRefusal.NotFound;
        }
        await conn.ExecuteAsync(new CommandDefinition(SignOffLockSql, new { enrolmentId }, tx, cancellationToken: ct));
        var status = (await conn.QueryAsync<ElementStatus>(new CommandDefinition($"WITH met AS ({MetPointsSql}) {ElementsSql}", new { enrolmentId }, tx, cancellationToken: ct)))
            .SingleOrDefault(s => s.ElementId == elementId);
        if (status is null)
        {
            return AssessmentRefusal.NotFound;
        }
        if (status.SignOffId is not null)
        {
            return AssessmentRefusal.AlreadySignedOff;
        }
        if (!status.CanSignOff)
        {
            return AssessmentRefusal.NotAllMet;
        }
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(SignOffSql, new { enrolmentId, elementId, assessorId, declaration = Declaration }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("element.signed-off", centreId, assessorId, "enrolment", enrolmentId,
            After: new { signOffId = id, element = status.Code, declaration = Declaration }), tx, ct);
        await Notifications.NotifyAsync(conn, tx, centreId, candidateId.Value, $"Your assessor signed off element {status.Code} {status.Title}. Please confirm it.", "/Portfolio", ct);
        await Mail.EventMail.ElementSignedOffAsync(conn, tx, centreId, assessorId, candidateId.Value, status.Code, ct);
        await tx.CommitAsync(ct);
        return AssessmentRefusal.None;
    }

    const string ConfirmSql = """
        UPDATE element_signoffs s SET candidate_confirmed_at = now()
        FROM enrolments e WHERE s.enrolment_id = e.id AND s.id = @signOffId AND e.candidate_id = @candidateId AND e.centre_id = @centreId
          AND s.reopened_at IS NULL AND s.candidate_confirmed_at IS NULL
        RETURNING s.enrolment_id
        """;

    public async Task<AssessmentRefusal> ConfirmAsync(long centreId, long candidateId, long signOffId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var enrolmentId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(ConfirmSql, new { signOffId, candidateId, centreId }, tx, cancellationToken: ct));
        if (enrolmentId is null)
        {
            return AssessmentRefusal.NotFound;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("element.confirmed-by-candidate", centreId, candidateId, "enrolment", enrolmentId, After: new { signOffId }), tx, ct);
        await tx.CommitAsync(ct);
        return AssessmentRefusal.None;
    }

    const string ReopenSql = """
        UPDATE element_signoffs s SET reopened_at = now(), reopened_by = @assessorId, reopen_reason = @reason
        FROM enrolments e WHERE s.enrolment_id = e.id AND s.id = @signOffId AND e.assessor_id = @assessorId AND e.centre_id = @centreId
          AND s.reopened_at IS NULL
        RETURNING s.enrolment_id, e.candidate_id
        """;

    /// <summary>Reopens a signed-off element so its judgements can change again; a reason is required and audited.</summary>
    public async Task<AssessmentRefusal> ReopenAsync(long centreId, long assessorId, long signOffId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return AssessmentRefusal.ReasonNeeded;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(long EnrolmentId, long CandidateId)?>(new CommandDefinition(ReopenSql, new { signOffId, assessorId, centreId, reason = reason.Trim() }, tx, cancellationToken: ct));
        if (row is null)
        {
            return AssessmentRefusal.NotFound;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("element.reopened", centreId, assessorId, "enrolment", row.Value.EnrolmentId,
            Before: new { signOffId, live = true }, After: new { signOffId, reason }), tx, ct);
        await Notifications.NotifyAsync(conn, tx, centreId, row.Value.CandidateId, $"Your assessor reopened a signed-off element: {reason.Trim()}", "/Portfolio", ct);
        await tx.CommitAsync(ct);
        return AssessmentRefusal.None;
    }
}
