using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// The audit rows of pages external quality assurers opened or were refused, newest first per centre, carrying what the
/// centre's list of those views filters on (who, when, opened or refused) so counting them never visits the table.
/// </summary>
[Migration(202612071301)]
public sealed class M202612071301_ExternalViewsIndex : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE INDEX audit_events_external_views
            ON audit_events (centre_id, occurred_at DESC, id DESC) INCLUDE (actor_id, action)
            WHERE action IN ('external.viewed', 'external.refused');
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP INDEX audit_events_external_views;");
    }
}
