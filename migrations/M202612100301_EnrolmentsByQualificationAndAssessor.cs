using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// The assessors of a qualification's candidates, found by stepping through this index one assessor at a time (a few
/// dozen probes) instead of reading every enrolment of the qualification: the sampling plan and the sample proposal
/// list them on every view.
/// </summary>
[Migration(202612100301)]
public sealed class M202612100301_EnrolmentsByQualificationAndAssessor : Migration
{
    public override void Up() =>
        Execute.Sql("CREATE INDEX enrolments_qualification_assessor ON enrolments (qualification_id, assessor_id);");

    public override void Down() => Execute.Sql("DROP INDEX enrolments_qualification_assessor;");
}
