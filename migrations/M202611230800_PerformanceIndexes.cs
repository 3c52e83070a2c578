using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Indexes the load tests (scripts/load.sh, docs/performance.md) showed missing on a centre of 2,000 candidates:
/// a person's recent audit events, an assessor's returned reviews, and the newest revision of an item without a heap visit.
/// </summary>
[Migration(202611230800)]
public sealed class M202611230800_PerformanceIndexes : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            -- The dashboard's recent activity: a person's newest events, instead of walking the centre's trail backwards.
            CREATE INDEX audit_events_actor ON audit_events (actor_id, id DESC);
            -- Median days to feedback of an assessor: their returned reviews only.
            CREATE INDEX assessment_reviews_assessor_returned ON assessment_reviews (assessor_id) INCLUDE (revision_id, returned_at)
                WHERE returned_at IS NOT NULL;
            -- "The newest revision of each item" is in most lists: answered from the index alone.
            CREATE INDEX evidence_revisions_latest ON evidence_revisions (item_id, number DESC) INCLUDE (id, submitted_at);
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP INDEX evidence_revisions_latest;
            DROP INDEX assessment_reviews_assessor_returned;
            DROP INDEX audit_events_actor;
            """);
    }
}
