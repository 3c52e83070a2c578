using Dapper;
using Npgsql;
using Portfolio.Assessment;
using Portfolio.Audit;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Quality;

public sealed record QualificationChoice(long Id, string Code);

public sealed record SampleAction(long Id, long SampleId, int Position, string Text, DateTime? CompletedAt, string? CompletionNote);

/// <summary>A sampled decision with the IQA's outcome; <see cref="Snapshot"/> is what was sampled.</summary>
public sealed class SampleRecord
{
    public long Id { get; init; }
    public long QualificationId { get; init; }
    public string QualificationCode { get; init; } = "";
    public long EnrolmentId { get; init; }
    public string CandidateName { get; init; } = "";
    public long AssessorId { get; init; }
    public string AssessorName { get; init; } = "";
    public string DecisionType { get; init; } = "";
    public long? ItemId { get; init; }
    public string? EvidenceKind { get; init; }
    public string[] ElementCodes { get; init; } = [];
    public DateTime DecidedAt { get; init; }
    public DateTime SampledAt { get; init; }
    public string SampledByName { get; init; } = "";
    public string? Outcome { get; init; }
    public string? Feedback { get; init; }
    public string? RecordedByName { get; init; }
    public DateTime? RecordedAt { get; init; }
    public DateTime? AcknowledgedAt { get; init; }
    public string SnapshotJson { get; init; } = "{}";
    public IReadOnlyList<SampleAction> Actions { get; set; } = [];

    public DecisionSnapshot Snapshot => DecisionSnapshot.FromJson(SnapshotJson);

    /// <summary>"Element sign-off" or the evidence kind's name: the assessment method the decision judged.</summary>
    public string Method => MethodOf(EvidenceKind);

    /// <summary>The assessment method a decision of this evidence kind judged (none: an element sign-off).</summary>
    public static string MethodOf(string? evidenceKind) =>
        evidenceKind is { } k && Rubrics.EvidenceKinds.TryParse(k, out var kind) ? Rubrics.EvidenceKinds.DisplayName(kind) : "Element sign-off";

    public DateTime? AllActionsCompletedAt => Actions.Count > 0 && Actions.All(a => a.CompletedAt is not null) ? Actions.Max(a => a.CompletedAt) : null;
}

public enum QualityRefusal { None, NotFound, AlreadyRecorded, NotRecorded, AlreadyDone, FeedbackNeeded, NoteNeeded }

public static class SampleOutcome
{
    public const string Agree = "agree";
    public const string Disagree = "disagree";

    public static string DisplayName(string? outcome) => outcome switch { Agree => "Agrees with the decision", Disagree => "Disagrees with the decision", _ => "Not yet recorded" };
}

/// <summary>Internal quality assurance: sampling plans, decisions to sample, frozen samples, the IQA's outcome and the assessor's answer.</summary>
public sealed partial class QualityStore(NpgsqlDataSource db, EvidenceStore evidence)
{
    const string QualificationsSql = "SELECT id, code FROM qualifications WHERE centre_id = @centreId ORDER BY code";

    public async Task<IReadOnlyList<QualificationChoice>> QualificationsAsync(long centreId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<QualificationChoice>(new CommandDefinition(QualificationsSql, new { centreId }, cancellationToken: ct))).ToList();
    }

    // The assessors of the qualification's candidates one at a time through enrolments_qualification_assessor (a few
    // dozen probes, not every enrolment), and any the plan already holds a rate for.
    const string PlanSql = """
        SELECT q.id AS qualification_id, q.code AS qualification_code, coalesce(p.cover_candidates, true) AS cover_candidates,
               coalesce(p.cover_methods, true) AS cover_methods, coalesce(p.cover_elements, true) AS cover_elements,
               coalesce(p.cover_decision_types, true) AS cover_decision_types,
               coalesce(p.xmin::text::bigint, 0) AS version, u.display_name AS saved_by
        FROM qualifications q LEFT JOIN sampling_plans p ON p.qualification_id = q.id
        LEFT JOIN people u ON u.id = p.updated_by
        WHERE q.id = @qualificationId AND q.centre_id = @centreId;
        WITH RECURSIVE assessors AS (
            (SELECT assessor_id FROM enrolments WHERE qualification_id = @qualificationId AND assessor_id IS NOT NULL
             ORDER BY assessor_id LIMIT 1)
            UNION ALL
            SELECT (SELECT e.assessor_id FROM enrolments e
                    WHERE e.qualification_id = @qualificationId AND e.assessor_id > s.assessor_id
                    ORDER BY e.assessor_id LIMIT 1)
            FROM assessors s WHERE s.assessor_id IS NOT NULL)
        SELECT a.id AS assessor_id, a.display_name AS assessor_name, coalesce(r.status, 'established') AS status,
               coalesce(r.rate_percent, 25) AS rate_percent, coalesce(r.rate_chosen, false) AS rate_chosen
        FROM (SELECT assessor_id FROM assessors WHERE assessor_id IS NOT NULL
              UNION
              SELECT x.assessor_id FROM sampling_plan_assessors x JOIN sampling_plans y ON y.id = x.plan_id
              WHERE y.qualification_id = @qualificationId) ids
        CROSS JOIN LATERAL (SELECT id, display_name, centre_id FROM people WHERE id = ids.assessor_id OFFSET 0) a
        LEFT JOIN sampling_plans p ON p.qualification_id = @qualificationId
        LEFT JOIN sampling_plan_assessors r ON r.plan_id = p.id AND r.assessor_id = a.id
        WHERE a.centre_id = @centreId
        ORDER BY a.display_name, a.id;
        """;

    sealed record PlanRow(long QualificationId, string QualificationCode, bool CoverCandidates, bool CoverMethods, bool CoverElements,
        bool CoverDecisionTypes, long Version, string? SavedBy);

    /// <summary>The qualification's plan, with a row for every assessor of its candidates; null when not the centre's.</summary>
    public async Task<SamplingPlan?> PlanAsync(long centreId, long qualificationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(PlanSql, new { centreId, qualificationId }, cancellationToken: ct));
        var plan = await grid.ReadSingleOrDefaultAsync<PlanRow>();
        var rows = (await grid.ReadAsync<AssessorRate>()).ToList();
        return plan is null ? null : new SamplingPlan(plan.QualificationId, plan.QualificationCode, plan.CoverCandidates, plan.CoverMethods, plan.CoverElements, plan.CoverDecisionTypes, rows,
            plan.Version, plan.SavedBy);
    }

    const string UpsertPlanSql = """
        INSERT INTO sampling_plans (centre_id, qualification_id, cover_candidates, cover_methods, cover_elements, cover_decision_types, updated_by)
        SELECT centre_id, id, @CoverCandidates, @CoverMethods, @CoverElements, @CoverDecisionTypes, @iqaId FROM qualifications WHERE id = @QualificationId AND centre_id = @centreId
        ON CONFLICT (qualification_id) DO UPDATE SET cover_candidates = excluded.cover_candidates, cover_methods = excluded.cover_methods,
            cover_elements = excluded.cover_elements, cover_decision_types = excluded.cover_decision_types, updated_at = now(), updated_by = excluded.updated_by
        WHERE sampling_plans.xmin::text::bigint = @Version
        RETURNING id
        """;

    const string AssessorsOfCentreSql = "SELECT id FROM people WHERE centre_id = @centreId AND id = ANY(@ids)";

    const string UpsertRateSql = """
        INSERT INTO sampling_plan_assessors (plan_id, assessor_id, status, rate_percent, rate_chosen)
        VALUES (@planId, @AssessorId, @Status, @RatePercent, @RateChosen)
        ON CONFLICT (plan_id, assessor_id) DO UPDATE
        SET status = excluded.status, rate_percent = excluded.rate_percent, rate_chosen = excluded.rate_chosen
        """;

    /// <summary>
    /// Saves the plan's coverage and rates when the saved plan is still the version the form was made from. The version is
    /// compared by the upsert itself, on the row it has locked: two saves from one version cannot both be written, and a
    /// first save racing another first save finds the other's row (version 0 never matches a saved row).
    /// </summary>
    public async Task<PlanSave> SavePlanAsync(long centreId, long iqaId, SamplingPlan plan, CancellationToken ct = default)
    {
        var before = await PlanAsync(centreId, plan.QualificationId, ct);
        if (before is null)
        {
            return PlanSave.NotFound;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var ids = plan.Assessors.Select(a => a.AssessorId).ToArray();
        var known = (await conn.QueryAsync<long>(new CommandDefinition(AssessorsOfCentreSql, new { centreId, ids }, tx, cancellationToken: ct))).Count();
        if (known != ids.Distinct().Count())
        {
            return PlanSave.NotFound;
        }
        var saved = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(UpsertPlanSql, new
        {
            plan.CoverCandidates, plan.CoverMethods, plan.CoverElements, plan.CoverDecisionTypes, iqaId, plan.QualificationId, centreId,
            plan.Version,
        }, tx, cancellationToken: ct));
        if (saved is not { } planId)
        {
            return PlanSave.Changed;
        }
        foreach (var row in plan.Assessors)
        {
            await conn.ExecuteAsync(new CommandDefinition(UpsertRateSql,
                new { planId, row.AssessorId, row.Status, row.RatePercent, row.RateChosen }, tx, cancellationToken: ct));
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("sampling-plan.saved", centreId, iqaId, "qualification", plan.QualificationId, Before: before, After: plan), tx, ct);
        await tx.CommitAsync(ct);
        return PlanSave.Saved;
    }

    const string ElementCodesSql = """
        SELECT el.code FROM rubric_elements el JOIN rubric_versions v ON v.id = el.rubric_version_id
        WHERE v.qualification_id = @qualificationId GROUP BY el.code ORDER BY min(el.position), el.code
        """;

    public async Task<IReadOnlyList<string>> ElementCodesAsync(long qualificationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(ElementCodesSql, new { qualificationId }, cancellationToken: ct))).ToList();
    }

    const string ReviewSourceSql = """
        SELECT i.id AS item_id, r.number AS revision_number FROM assessment_reviews ar
        JOIN evidence_revisions r ON r.id = ar.revision_id JOIN evidence_items i ON i.id = r.item_id WHERE ar.id = @id
        """;

    const string SignOffSnapshotSql = """
        SELECT el.code AS element_code, el.title AS element_title, s.assessor_declaration AS declaration, s.signed_at, a.display_name AS assessor_name,
               s.candidate_confirmed_at, s.enrolment_id
        FROM element_signoffs s JOIN rubric_elements el ON el.id = s.element_id JOIN people a ON a.id = s.assessor_id WHERE s.id = @id;
        SELECT mp.code, mp.text, l.outcome, l.feedback, l.title AS item_title, l.number AS revision_number, l.judged_at
        FROM element_signoffs s JOIN marking_points mp ON mp.element_id = s.element_id
        LEFT JOIN LATERAL (
            SELECT j.outcome, j.feedback, i.title, r.number, j.judged_at FROM judgements j
            JOIN evidence_items i ON i.id = j.item_id JOIN evidence_revisions r ON r.id = j.revision_id
            WHERE j.marking_point_id = mp.id AND i.enrolment_id = s.enrolment_id AND j.judged_at <= s.signed_at AND j.outcome = 'met'
            ORDER BY j.judged_at DESC, j.id DESC LIMIT 1) l ON true
        WHERE s.id = @id ORDER BY mp.position;
        """;

    sealed record SignOffHead(string ElementCode, string ElementTitle, string Declaration, DateTime SignedAt, string AssessorName, DateTime? CandidateConfirmedAt, long EnrolmentId);

    async Task<DecisionSnapshot> SnapshotAsync(long centreId, long iqaId, DecisionKey key, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (key.Source == DecisionKey.Review)
        {
            var (itemId, number) = await conn.QuerySingleAsync<(long, int)>(new CommandDefinition(ReviewSourceSql, new { id = key.Id }, cancellationToken: ct));
            var d = await evidence.GetAsync(centreId, iqaId, itemId, number, wholeCentre: true, ct) ?? throw new InvalidOperationException($"Item {itemId} vanished.");
            return new DecisionSnapshot(new ReviewSnapshot(d.Id, d.Kind.Key(), d.Title, d.CandidateId, d.EnrolmentId, d.RubricVersionId, d.Revision, d.Files,
                d.Annotations, d.Mappings, d.ReviewOf(d.Revision) ?? throw new InvalidOperationException($"Revision {number} of item {itemId} has no review."),
                d.JudgementsOf(d.Revision)), null);
        }
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(SignOffSnapshotSql, new { id = key.Id }, cancellationToken: ct));
        var head = await grid.ReadSingleAsync<SignOffHead>();
        var points = (await grid.ReadAsync<SignedOffPoint>()).ToList();
        return new DecisionSnapshot(null, new SignOffSnapshot(head.ElementCode, head.ElementTitle, head.Declaration, head.SignedAt, head.AssessorName, head.CandidateConfirmedAt, points));
    }

    const string InsertSampleSql = """
        INSERT INTO qa_samples (centre_id, qualification_id, enrolment_id, candidate_id, assessor_id, decision_type, review_id, signoff_id,
                                item_id, evidence_kind, element_codes, decided_at, snapshot, sampled_by)
        SELECT @centreId, e.qualification_id, e.id, e.candidate_id, @AssessorId, @DecisionType, @reviewId, @signOffId,
               @itemId, @EvidenceKind, @ElementCodes, @DecidedAt, @snapshot::jsonb, @iqaId
        FROM enrolments e WHERE e.id = @EnrolmentId AND e.centre_id = @centreId
        ON CONFLICT DO NOTHING RETURNING id
        """;

    /// <summary>
    /// Samples the chosen decisions of the qualification, freezing each one's snapshot; decisions already sampled or not
    /// the qualification's are skipped. Returns the new samples' ids.
    /// </summary>
    public async Task<IReadOnlyList<long>> TakeSamplesAsync(long centreId, long iqaId, long qualificationId, IReadOnlyCollection<DecisionKey> keys, CancellationToken ct = default)
    {
        var chosen = (await DecisionsAsync(centreId, qualificationId, keys, ct)).Where(d => !d.Sampled).ToList();
        // Snapshots are read before the transaction: a returned revision and its judgements no longer change.
        var snapshots = new List<(Decision Decision, DecisionSnapshot Snapshot)>();
        foreach (var d in chosen)
        {
            snapshots.Add((d, await SnapshotAsync(centreId, iqaId, d.Key, ct)));
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var ids = new List<long>();
        foreach (var (d, snapshot) in snapshots)
        {
            var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(InsertSampleSql, new
            {
                centreId, d.AssessorId, d.DecisionType, reviewId = d.Key.Source == DecisionKey.Review ? d.Key.Id : (long?)null,
                signOffId = d.Key.Source == DecisionKey.SignOff ? d.Key.Id : (long?)null, itemId = snapshot.Review?.ItemId, d.EvidenceKind,
                ElementCodes = d.ElementCodes.ToArray(), d.DecidedAt, snapshot = snapshot.ToJson(), iqaId, d.EnrolmentId,
            }, tx, cancellationToken: ct));
            if (id is { } sampleId)
            {
                ids.Add(sampleId);
                await AuditTrail.WriteAsync(conn, new AuditEvent("qa-sample.taken", centreId, iqaId, "enrolment", d.EnrolmentId,
                    After: new { sampleId, decision = d.Key.ToString(), d.DecisionType, assessorId = d.AssessorId }), tx, ct);
            }
        }
        await tx.CommitAsync(ct);
        return ids;
    }

    const string RecordSql = """
        UPDATE qa_samples SET outcome = @outcome, feedback = @feedback, recorded_by = @iqaId, recorded_at = now()
        WHERE id = @sampleId AND centre_id = @centreId AND outcome IS NULL
        RETURNING assessor_id, enrolment_id
        """;

    const string InsertActionSql = "INSERT INTO qa_sample_actions (sample_id, position, text) VALUES (@sampleId, @position, @text)";

    /// <summary>The IQA's agreement or disagreement with the sampled decision, with feedback and action points (one per line).</summary>
    public async Task<QualityRefusal> RecordAsync(long centreId, long iqaId, long sampleId, string outcome, string feedback, string actions, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(feedback))
        {
            return QualityRefusal.FeedbackNeeded;
        }
        var lines = actions.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(long AssessorId, long EnrolmentId)?>(new CommandDefinition(RecordSql, new { outcome, feedback = feedback.Trim(), iqaId, sampleId, centreId }, tx, cancellationToken: ct));
        if (row is null)
        {
            return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM qa_samples WHERE id = @sampleId AND centre_id = @centreId)", new { sampleId, centreId }, tx, cancellationToken: ct))
                ? QualityRefusal.AlreadyRecorded : QualityRefusal.NotFound;
        }
        for (var i = 0; i < lines.Count; i++)
        {
            await conn.ExecuteAsync(new CommandDefinition(InsertActionSql, new { sampleId, position = i + 1, text = lines[i] }, tx, cancellationToken: ct));
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("qa-sample.recorded", centreId, iqaId, "qa_sample", sampleId,
            After: new { outcome, feedback = AuditText.Of(feedback.Trim()), actions = AuditText.OfEach(lines), enrolmentId = row.Value.EnrolmentId }), tx, ct);
        await Notifications.NotifyAsync(conn, tx, centreId, row.Value.AssessorId,
            $"Your internal quality assurer {(outcome == SampleOutcome.Agree ? "agreed with" : "disagreed with")} a sampled decision{(lines.Count > 0 ? $" and set {lines.Count} action point(s)" : "")}.",
            "/Assess/Samples", ct);
        await Mail.EventMail.SampleRecordedAsync(conn, tx, centreId, iqaId, row.Value.AssessorId,
            outcome == SampleOutcome.Agree, lines.Count, ct);
        await tx.CommitAsync(ct);
        return QualityRefusal.None;
    }

    const string AcknowledgeSql = """
        UPDATE qa_samples SET acknowledged_at = now() WHERE id = @sampleId AND centre_id = @centreId AND assessor_id = @assessorId
          AND outcome IS NOT NULL AND acknowledged_at IS NULL
        RETURNING recorded_by
        """;

    const string MineSql = "SELECT outcome IS NOT NULL FROM qa_samples WHERE id = @sampleId AND centre_id = @centreId AND assessor_id = @assessorId";

    /// <summary>The assessor has read the IQA's outcome.</summary>
    public async Task<QualityRefusal> AcknowledgeAsync(long centreId, long assessorId, long sampleId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var iqaId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(AcknowledgeSql, new { sampleId, centreId, assessorId }, tx, cancellationToken: ct));
        if (iqaId is null)
        {
            var recorded = await conn.ExecuteScalarAsync<bool?>(new CommandDefinition(MineSql, new { sampleId, centreId, assessorId }, tx, cancellationToken: ct));
            return recorded switch { null => QualityRefusal.NotFound, false => QualityRefusal.NotRecorded, true => QualityRefusal.AlreadyDone };
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("qa-sample.acknowledged", centreId, assessorId, "qa_sample", sampleId), tx, ct);
        await Notifications.NotifyAsync(conn, tx, centreId, iqaId.Value, "An assessor acknowledged your sample outcome.", $"/Verify/SampleRecord?id={sampleId}", ct);
        await tx.CommitAsync(ct);
        return QualityRefusal.None;
    }

    const string CompleteSql = """
        UPDATE qa_sample_actions x SET completed_at = now(), completion_note = @note
        FROM qa_samples s WHERE s.id = x.sample_id AND x.id = @actionId AND s.centre_id = @centreId AND s.assessor_id = @assessorId
          AND x.completed_at IS NULL
        RETURNING s.id, s.recorded_by, x.text
        """;

    /// <summary>The assessor has done an action point; a note says what was done.</summary>
    public async Task<QualityRefusal> CompleteActionAsync(long centreId, long assessorId, long actionId, string note, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return QualityRefusal.NoteNeeded;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(long SampleId, long IqaId, string Text)?>(new CommandDefinition(CompleteSql, new { note = note.Trim(), actionId, centreId, assessorId }, tx, cancellationToken: ct));
        if (row is null)
        {
            return QualityRefusal.NotFound;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("qa-action.completed", centreId, assessorId, "qa_sample", row.Value.SampleId,
            After: new { actionId, action = AuditText.Of(row.Value.Text), note = AuditText.Of(note.Trim()) }), tx, ct);
        await Notifications.NotifyAsync(conn, tx, centreId, row.Value.IqaId, $"An assessor completed an action point: {row.Value.Text}", $"/Verify/SampleRecord?id={row.Value.SampleId}", ct);
        await tx.CommitAsync(ct);
        return QualityRefusal.None;
    }
}

