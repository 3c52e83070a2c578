using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Indexes that let the cohort page read one page of its rows in the order asked for, and count them, without joining
/// every enrolment of the qualification: candidates by name within a centre, the centre's assessors by name (the
/// filter's choices), enrolments by qualification, assessor and enrolment date (the total, from the index alone), and
/// progress by the share of points met within a qualification (the progress order and bands; the expression is the one
/// <c>Cohort.PercentMetSql</c> writes).
/// </summary>
[Migration(202612100201)]
public sealed class M202612100201_CohortPageIndexes : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE INDEX people_cohort_name ON people (centre_id, display_name);
            CREATE INDEX people_cohort_assessors ON people (centre_id, display_name) WHERE 'assessor' = ANY(roles);
            CREATE INDEX enrolments_cohort ON enrolments (qualification_id, centre_id, assessor_id, enrolled_at);
            CREATE INDEX enrolment_progress_cohort_percent ON enrolment_progress (qualification_id, centre_id,
                (CASE WHEN total = 0 THEN 0 ELSE round(100.0 * met / total) END) DESC);
            ANALYZE people, enrolments, enrolment_progress;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP INDEX enrolment_progress_cohort_percent;
            DROP INDEX enrolments_cohort;
            DROP INDEX people_cohort_assessors;
            DROP INDEX people_cohort_name;
            """);
    }
}
