using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Two partial indexes of the sampling coverage counts, so that neither the coverage grid nor the sample proposal walks
/// one row per candidate: the rows that are not a candidate's (what the grid shows), and the candidates with decisions
/// none of which is sampled (the proposal asks only whether there is one).
/// </summary>
[Migration(202612100300)]
public sealed class M202612100300_CoverageWithoutCandidateRows : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE INDEX qa_coverage_not_candidates ON qa_coverage (qualification_id)
                WHERE requirement NOT LIKE 'candidate:%';
            CREATE INDEX qa_coverage_unsampled_candidates ON qa_coverage (qualification_id)
                WHERE requirement LIKE 'candidate:%' AND decisions > 0 AND sampled = 0;
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP INDEX qa_coverage_unsampled_candidates; DROP INDEX qa_coverage_not_candidates;");
    }
}
