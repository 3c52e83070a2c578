using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Records whether an assessor's sampling rate was typed in by the IQA or follows the usual rate of the
/// assessor's status (new 100 %, flagged 50 %, established 25 %). <c>rate_percent</c> stays the rate in use
/// either way. Existing rows that differ from the usual rate of their status were typed in; the rest follow
/// their status from now on.
/// </summary>
[Migration(202612071300)]
public sealed class M202612071300_SamplingRateChosenByHand : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE sampling_plan_assessors ADD COLUMN rate_chosen boolean NOT NULL DEFAULT false;
            UPDATE sampling_plan_assessors
            SET rate_chosen = rate_percent <> CASE status WHEN 'new' THEN 100 WHEN 'flagged' THEN 50 ELSE 25 END;
            """);
    }

    public override void Down()
    {
        Execute.Sql("ALTER TABLE sampling_plan_assessors DROP COLUMN rate_chosen;");
    }
}
