using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Indexes that let the cohort page read one page of its rows in the order asked for, and count them, without joining
/// every enrolment of the qualification: the progress rows of a qualification by candidate name (of all its candidates,
/// and of one assessor's), by assessor name then candidate name, and by the share of points met then candidate name
/// (the names the progress row carries, migration M202612100200; the share is the expression
/// <c>Cohort.PercentMetSql</c> writes); enrolments by qualification, assessor and enrolment date (the total, from the
/// index alone); and the centre's assessors (the filter's choices).
/// </summary>
[Migration(202612100201)]
public sealed class M202612100201_CohortPageOrders : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE INDEX enrolment_progress_by_name ON enrolment_progress (qualification_id, centre_id, candidate_sort_name,
                enrolment_id);
            CREATE INDEX enrolment_progress_of_assessor ON enrolment_progress (qualification_id, centre_id, assessor_id,
                candidate_sort_name, enrolment_id);
            CREATE INDEX enrolment_progress_by_assessor ON enrolment_progress (qualification_id, centre_id,
                assessor_sort_name NULLS LAST, candidate_sort_name, enrolment_id);
            CREATE INDEX enrolment_progress_by_percent ON enrolment_progress (qualification_id, centre_id,
                (CASE WHEN total = 0 THEN 0 ELSE round(100.0 * met / total) END) DESC, candidate_sort_name, enrolment_id);
            CREATE INDEX enrolments_cohort ON enrolments (qualification_id, centre_id, assessor_id, enrolled_at);
            CREATE INDEX people_cohort_assessors ON people (centre_id) WHERE 'assessor' = ANY(roles);
            ANALYZE people, enrolments, enrolment_progress;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP INDEX people_cohort_assessors;
            DROP INDEX enrolments_cohort;
            DROP INDEX enrolment_progress_by_percent;
            DROP INDEX enrolment_progress_by_assessor;
            DROP INDEX enrolment_progress_of_assessor;
            DROP INDEX enrolment_progress_by_name;
            """);
    }
}
