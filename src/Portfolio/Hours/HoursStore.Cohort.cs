using Dapper;
using Portfolio.Matrix;

namespace Portfolio.Hours;

/// <summary>One candidate's line of the cohort's hours workbook.</summary>
public sealed class CohortHoursRow
{
    public string CandidateName { get; init; } = "";
    public string? AssessorName { get; init; }
    public int? HoursRequired { get; init; }
    public int PriorLearningHours { get; init; }
    public DateTime? StartDate { get; init; }
    public DateTime? PlannedEndDate { get; init; }
    public long LoggedMinutes { get; init; }
    public long ConfirmedMinutes { get; init; }
    public long NotCountedMinutes { get; init; }

    public HoursProgress Progress(DateOnly today) => HoursProgress.Of(StartDate is null ? null : HoursRequired,
        StartDate is { } s ? DateOnly.FromDateTime(s) : null, PlannedEndDate is { } e ? DateOnly.FromDateTime(e) : null,
        LoggedMinutes, ConfirmedMinutes, NotCountedMinutes, today);
}

public sealed partial class HoursStore
{
    // The cohort filter's enrolments with their plan and the totals kept by the writes: no entry is read.
    const string CohortSql = """
        SELECT c.display_name AS candidate_name, a.display_name AS assessor_name,
               greatest(coalesce(lp.required_hours, v.off_the_job_minimum_hours, v.guided_learning_hours)
                        - coalesce(lp.prior_learning_hours, 0), 0) AS hours_required,
               coalesce(lp.prior_learning_hours, 0) AS prior_learning_hours, lp.start_date::timestamp AS start_date,
               lp.planned_end_date::timestamp AS planned_end_date,
               coalesce(t.logged_minutes, 0) AS logged_minutes, coalesce(t.confirmed_minutes, 0) AS confirmed_minutes,
               coalesce(t.not_counted_minutes, 0) AS not_counted_minutes
        FROM enrolments e JOIN people c ON c.id = e.candidate_id LEFT JOIN people a ON a.id = e.assessor_id
        JOIN rubric_versions v ON v.id = e.rubric_version_id
        LEFT JOIN learning_plans lp ON lp.enrolment_id = e.id
        LEFT JOIN learning_hours_totals t ON t.enrolment_id = e.id
        WHERE e.centre_id = @CentreId AND e.qualification_id = @QualificationId
          AND (@AssessorId::bigint IS NULL OR e.assessor_id = @AssessorId)
          AND (@EnrolledFrom::date IS NULL OR e.enrolled_at >= @EnrolledFrom::date)
          AND (@EnrolledTo::date IS NULL OR e.enrolled_at < @EnrolledTo::date + 1)
        ORDER BY c.display_name, e.id
        """;

    /// <summary>The cohort's hours one candidate at a time, read as they are written out; enumerate once.</summary>
    public IEnumerable<CohortHoursRow> CohortRows(CohortFilter filter)
    {
        using var conn = db.OpenConnection();
        foreach (var row in conn.Query<CohortHoursRow>(CohortSql, new
        {
            filter.CentreId, filter.QualificationId, filter.AssessorId,
            EnrolledFrom = filter.EnrolledFrom?.ToDateTime(TimeOnly.MinValue),
            EnrolledTo = filter.EnrolledTo?.ToDateTime(TimeOnly.MinValue),
        }, buffered: false))
        {
            yield return row;
        }
    }
}
