using Dapper;

namespace Portfolio.Matrix;

public sealed partial class Cohort
{
    // The medians come from the counts the writes keep per assessor of a qualification (migration
    // M202612100200_TurnaroundHistograms): pieces of feedback returned after each whole day, and after each hundredth
    // of a day. The running counts over the days find the day holding each middle position ((n + 1) / 2 and n / 2 + 1,
    // the same one when n is odd); only that day's hundredths are read to find the value there. Tens of rows an
    // assessor, whatever the number of candidates; exact to within a quarter of an hour, finer than the page shows.
    const string TurnaroundSql = """
        WITH days AS (
            SELECT assessor_id, day, returned, sum(returned) OVER (PARTITION BY assessor_id ORDER BY day) AS upto,
                   sum(returned) OVER (PARTITION BY assessor_id) AS total
            FROM turnaround_days
            WHERE centre_id = @CentreId AND qualification_id = @QualificationId
              AND (@AssessorId::bigint IS NULL OR assessor_id = @AssessorId)),
        middle AS (
            SELECT d.assessor_id, d.total, d.day, w.position, d.upto - d.returned AS before
            FROM days d CROSS JOIN LATERAL (VALUES ((d.total + 1) / 2), (d.total / 2 + 1)) w(position)
            WHERE w.position > d.upto - d.returned AND w.position <= d.upto)
        SELECT a.display_name AS assessor_name, m.total::int AS returned,
               sum(h.hundredths) / 200.0::double precision AS median_days
        FROM middle m JOIN people a ON a.id = m.assessor_id
        CROSS JOIN LATERAL (
            SELECT r.hundredths FROM (
                SELECT t.hundredths, m.before + sum(t.returned) OVER (ORDER BY t.hundredths) AS upto
                FROM turnaround_hundredths t
                WHERE t.centre_id = @CentreId AND t.qualification_id = @QualificationId
                  AND t.assessor_id = m.assessor_id
                  AND t.hundredths >= m.day * 100 AND t.hundredths < m.day * 100 + 100) r
            WHERE r.upto >= m.position ORDER BY r.hundredths LIMIT 1) h
        GROUP BY a.id, a.display_name, m.total ORDER BY a.display_name
        """;

    // Enrolment dates are not part of the kept counts: a cohort narrowed by when candidates enrolled reads the days
    // kept per enrolment (enrolment_progress.feedback_days) of its candidates, counted per hundredth of a day the same way.
    static readonly string TurnaroundByEnrolmentSql = $"""
        WITH counts AS (
            SELECT e.assessor_id, round(d * 100)::int AS hundredths, count(*) AS n
            FROM enrolments e JOIN enrolment_progress p ON p.enrolment_id = e.id
            CROSS JOIN LATERAL unnest(p.feedback_days) d
            WHERE {Filter} AND e.assessor_id IS NOT NULL
            GROUP BY 1, 2),
        running AS (
            SELECT assessor_id, hundredths, sum(n) OVER (PARTITION BY assessor_id ORDER BY hundredths)::bigint AS upto,
                   sum(n) OVER (PARTITION BY assessor_id)::bigint AS total
            FROM counts)
        SELECT a.display_name AS assessor_name, r.total::int AS returned,
               (min(r.hundredths) FILTER (WHERE r.upto >= (r.total + 1) / 2)
                + min(r.hundredths) FILTER (WHERE r.upto >= r.total / 2 + 1)) / 200.0::double precision AS median_days
        FROM running r JOIN people a ON a.id = r.assessor_id
        GROUP BY a.id, a.display_name, r.total ORDER BY a.display_name
        """;

    /// <summary>Median days from submission to returned feedback, per assessor of the filtered cohort's
    /// candidates.</summary>
    public async Task<IReadOnlyList<AssessorTurnaround>> TurnaroundAsync(CohortFilter filter,
        CancellationToken ct = default)
    {
        var sql = filter.EnrolledFrom is null && filter.EnrolledTo is null ? TurnaroundSql : TurnaroundByEnrolmentSql;
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<AssessorTurnaround>(
            new CommandDefinition(sql, Args(filter), cancellationToken: ct))).ToList();
    }
}
