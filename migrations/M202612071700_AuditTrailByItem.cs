using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// A candidate's audit trail reads the rows about each of their items' mappings through this index, as it reads the
/// rows about their items, enrolment and person through audit_events_subject, instead of walking the whole centre's
/// trail newest first. A mapping row names its item in what it recorded (the mapping itself may be gone).
/// </summary>
[Migration(202612071700)]
public sealed class M202612071700_AuditTrailByItem : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE INDEX audit_events_mapping_item
            ON audit_events (((coalesce(after->>'itemId', before->>'itemId'))::bigint), id)
            WHERE subject_type = 'mapping';
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP INDEX audit_events_mapping_item;");
    }
}
