using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// A CASE package or spreadsheet uploaded for a preview, held until the administrator confirms (then it is imported
/// and deleted) or a day has passed (then the next upload deletes it). Nothing else reads it.
/// </summary>
[Migration(202612080100)]
public sealed class M202612080100_CaseImportDrafts : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE rubric_import_drafts (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id   bigint NOT NULL REFERENCES centres(id),
                file_name   text NOT NULL,
                content     text NOT NULL,
                created_at  timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX rubric_import_drafts_created ON rubric_import_drafts (created_at);
            """);
    }

    public override void Down() => Execute.Sql("DROP TABLE rubric_import_drafts");
}
