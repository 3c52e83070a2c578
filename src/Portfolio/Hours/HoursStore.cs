using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Hours;

/// <summary>Who is asking: the enrolment's candidate, its assessor, or a centre administrator (any
/// enrolment).</summary>
public sealed record HoursViewer(long CentreId, long PersonId, HoursRole Role);

public enum HoursRole { Candidate, Assessor, Administrator }

/// <summary>Why a write was refused.</summary>
public enum HoursRefusal { None, NotFound, Stale, Confirmed, DayFull, UnknownLinks }

/// <summary>An enrolment's learning-hours plan with its running totals; Version 0 when no plan is saved yet.</summary>
public class LearningPlan
{
    public long EnrolmentId { get; init; }
    public long CandidateId { get; init; }
    public string CandidateName { get; init; } = "";
    public string QualificationCode { get; init; } = "";
    public int? QualificationHours { get; init; }
    public int? RequiredHours { get; init; }
    public DateTime? StartDate { get; init; }
    public DateTime? PlannedEndDate { get; init; }
    public decimal? WeeklyHours { get; init; }
    public int PriorLearningHours { get; init; }
    public string? PriorLearningReason { get; init; }
    public long Version { get; init; }
    public long LoggedMinutes { get; init; }
    public long ConfirmedMinutes { get; init; }
    public long NotCountedMinutes { get; init; }
    public int ToConfirm { get; init; }
    public int Queried { get; init; }

    public bool Saved => Version != 0;

    /// <summary>The plan's own figure, else the qualification's.</summary>
    public int? HoursBeforeReduction => RequiredHours ?? QualificationHours;

    /// <summary>The hours to reach: reduced by recognised prior learning, never below zero.</summary>
    public int? HoursRequired => HoursBeforeReduction is { } h ? Math.Max(0, h - PriorLearningHours) : null;

    public DateOnly? Start => StartDate is { } d ? DateOnly.FromDateTime(d) : null;
    public DateOnly? PlannedEnd => PlannedEndDate is { } d ? DateOnly.FromDateTime(d) : null;

    public HoursProgress Progress(DateOnly today) => HoursProgress.Of(Saved ? HoursRequired : null, Start, PlannedEnd,
        LoggedMinutes, ConfirmedMinutes, NotCountedMinutes, today);
}

/// <summary>What an administrator or assessor sets for an enrolment's plan.</summary>
public sealed record PlanInput(int? RequiredHours, DateOnly StartDate, DateOnly PlannedEndDate, decimal WeeklyHours,
    int PriorLearningHours, string? PriorLearningReason);

/// <summary>Learning hours: each enrolment's plan, the candidate's log, the assessor's confirmation.</summary>
public sealed partial class HoursStore(NpgsqlDataSource db)
{
    // The access rule of every read and write: the enrolment is the centre's and, for a candidate or an assessor,
    // theirs. An administrator passes neither id.
    const string Access = """
        e.centre_id = @centreId
        AND (@candidateId::bigint IS NULL OR e.candidate_id = @candidateId)
        AND (@assessorId::bigint IS NULL OR e.assessor_id = @assessorId)
        """;

    static object Who(HoursViewer v) => new
    {
        centreId = v.CentreId,
        candidateId = v.Role == HoursRole.Candidate ? v.PersonId : (long?)null,
        assessorId = v.Role == HoursRole.Assessor ? v.PersonId : (long?)null,
    };

    // A plan's figures and totals, from the joins below on the enrolment "e": shared by the statements that read one
    // enrolment's plan, a candidate's plans, and a page of an assessor's candidates with their hours.
    internal const string PlanFigures = """
        coalesce(v.off_the_job_minimum_hours, v.guided_learning_hours) AS qualification_hours,
               lp.required_hours, lp.start_date::timestamp AS start_date,
               lp.planned_end_date::timestamp AS planned_end_date,
               lp.weekly_hours,
               coalesce(lp.prior_learning_hours, 0) AS prior_learning_hours, lp.prior_learning_reason,
               coalesce(lp.xmin::text::bigint, 0) AS version,
               coalesce(t.logged_minutes, 0) AS logged_minutes, coalesce(t.confirmed_minutes, 0) AS confirmed_minutes,
               coalesce(t.not_counted_minutes, 0) AS not_counted_minutes,
               coalesce(t.to_confirm, 0) AS to_confirm, coalesce(t.queried, 0) AS queried
        """;

    internal const string PlanJoins = """
        JOIN rubric_versions v ON v.id = e.rubric_version_id
        LEFT JOIN learning_plans lp ON lp.enrolment_id = e.id
        LEFT JOIN learning_hours_totals t ON t.enrolment_id = e.id
        """;

    static string PlansWhere(string condition) => $"""
        SELECT e.id AS enrolment_id, e.candidate_id, c.display_name AS candidate_name, q.code AS qualification_code,
               {PlanFigures}
        FROM enrolments e JOIN people c ON c.id = e.candidate_id JOIN qualifications q ON q.id = e.qualification_id
        {PlanJoins}
        WHERE {condition}
        """;

    static readonly string PlanSql = PlansWhere($"e.id = @enrolmentId AND {Access}");

    // Only the condition the dashboard needs: "@x IS NULL OR" tests made PostgreSQL plan the statement afresh on every
    // call (0.6 ms, for 0.05 ms of work).
    /// <summary>The candidate's own enrolments' plans and totals, for their dashboard's batch.</summary>
    internal static readonly string CandidatePlansSql =
        PlansWhere("e.candidate_id = @candidateId AND e.centre_id = @centreId") + " ORDER BY e.id";

    /// <summary>The enrolment's plan and totals, or null when the viewer may not see the enrolment.</summary>
    public async Task<LearningPlan?> PlanAsync(HoursViewer viewer, long enrolmentId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<LearningPlan>(new CommandDefinition(PlanSql,
            Merge(Who(viewer), new { enrolmentId }), cancellationToken: ct));
    }

    static readonly string CandidateEnrolmentsSql = $"""
        SELECT e.id FROM enrolments e WHERE {Access} AND e.candidate_id = @candidateId ORDER BY e.id
        """;

    /// <summary>The candidate's enrolments, oldest first (most candidates have one).</summary>
    public async Task<IReadOnlyList<long>> EnrolmentsOfCandidateAsync(long centreId, long candidateId,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<long>(new CommandDefinition(CandidateEnrolmentsSql,
            new { centreId, candidateId, assessorId = (long?)null }, cancellationToken: ct))).ToList();
    }

    const string LockPlanSql = """
        SELECT required_hours, start_date::timestamp AS start_date, planned_end_date::timestamp AS planned_end_date,
            weekly_hours, prior_learning_hours, prior_learning_reason,
               xmin::text::bigint AS version
        FROM learning_plans WHERE enrolment_id = @enrolmentId FOR UPDATE
        """;

    // The version compared again in the write itself: a plan inserted meanwhile is not overwritten (version 0).
    const string UpsertPlanSql = """
        INSERT INTO learning_plans (enrolment_id, required_hours, start_date, planned_end_date, weekly_hours,
                                    prior_learning_hours, prior_learning_reason, updated_by)
        VALUES (@enrolmentId, @requiredHours, @startDate::date, @plannedEndDate::date, @weeklyHours,
                @priorLearningHours, @priorLearningReason, @actorId)
        ON CONFLICT (enrolment_id) DO UPDATE SET required_hours = excluded.required_hours,
            start_date = excluded.start_date, planned_end_date = excluded.planned_end_date,
            weekly_hours = excluded.weekly_hours, prior_learning_hours = excluded.prior_learning_hours,
            prior_learning_reason = excluded.prior_learning_reason, updated_by = excluded.updated_by, updated_at = now()
        WHERE learning_plans.xmin::text::bigint = @version
        """;

    sealed record PlanRow(int? RequiredHours, DateTime StartDate, DateTime PlannedEndDate, decimal WeeklyHours,
        int PriorLearningHours, string? PriorLearningReason, long Version);

    /// <summary>
    /// Saves the plan when it is still the version the form was made from (0: none yet), with an audit row of before
    /// and after in the same transaction.
    /// </summary>
    public async Task<HoursRefusal> SavePlanAsync(HoursViewer viewer, long enrolmentId, long version, PlanInput input,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await EnrolmentVisibleAsync(conn, tx, viewer, enrolmentId, ct))
        {
            return HoursRefusal.NotFound;
        }
        var before = await conn.QuerySingleOrDefaultAsync<PlanRow>(new CommandDefinition(LockPlanSql,
            new { enrolmentId }, tx, cancellationToken: ct));
        if ((before?.Version ?? 0) != version)
        {
            return HoursRefusal.Stale;
        }
        var reason = input.PriorLearningHours == 0 ? null : input.PriorLearningReason?.Trim();
        var saved = await conn.ExecuteAsync(new CommandDefinition(UpsertPlanSql, new
        {
            enrolmentId, input.RequiredHours, startDate = input.StartDate.ToDateTime(TimeOnly.MinValue),
            plannedEndDate = input.PlannedEndDate.ToDateTime(TimeOnly.MinValue), input.WeeklyHours,
            input.PriorLearningHours, priorLearningReason = reason, actorId = viewer.PersonId, version,
        }, tx, cancellationToken: ct));
        if (saved != 1)
        {
            return HoursRefusal.Stale;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent(before is null ? "hours.plan-created" : "hours.plan-changed",
            viewer.CentreId, viewer.PersonId, "enrolment", enrolmentId,
            before is null ? null : before with { Version = 0 },
            new
            {
                input.RequiredHours, StartDate = input.StartDate, PlannedEndDate = input.PlannedEndDate,
                input.WeeklyHours, input.PriorLearningHours, PriorLearningReason = reason,
            }), tx, ct);
        await tx.CommitAsync(ct);
        return HoursRefusal.None;
    }

    static readonly string VisibleSql = $"SELECT e.id FROM enrolments e WHERE e.id = @enrolmentId AND {Access}";

    static async Task<bool> EnrolmentVisibleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, HoursViewer viewer,
        long enrolmentId, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<long?>(new CommandDefinition(VisibleSql, Merge(Who(viewer), new { enrolmentId }),
            tx, cancellationToken: ct)) is not null;

    static DynamicParameters Merge(object a, object b)
    {
        var p = new DynamicParameters(a);
        p.AddDynamicParams(b);
        return p;
    }
}

/// <summary>What an entry may link to: the enrolment's evidence items and its rubric version's marking
/// points.</summary>
public sealed record EntryChoices(IReadOnlyList<(long Id, string Title)> Items, IReadOnlyList<(string Code,
    string Text)> Points);

public sealed partial class HoursStore
{
    const string ChoicesSql = """
        SELECT id, title FROM evidence_items WHERE enrolment_id = @enrolmentId ORDER BY title, id;
        SELECT mp.code, mp.text FROM enrolments e JOIN marking_points mp ON mp.rubric_version_id = e.rubric_version_id
        JOIN rubric_elements el ON el.id = mp.element_id JOIN rubric_units u ON u.id = el.unit_id
        WHERE e.id = @enrolmentId ORDER BY u.position, el.position, mp.position;
        """;

    /// <summary>The links an entry of the enrolment may make; the caller has checked the enrolment is
    /// visible.</summary>
    public async Task<EntryChoices> ChoicesAsync(long enrolmentId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(ChoicesSql, new { enrolmentId },
            cancellationToken: ct));
        return new((await grid.ReadAsync<(long, string)>()).ToList(), (await grid.ReadAsync<(string,
            string)>()).ToList());
    }
}
