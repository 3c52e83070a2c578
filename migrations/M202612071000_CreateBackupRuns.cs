using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// One row per backup attempt (the backup command and the daily backup alike), so the administrator's home page can
/// say when the last backup was made, how large it was, and whether the last attempt failed. Backups leave this
/// table's rows out of their own archive: a restored copy starts with no history of the original's backups.
/// </summary>
[Migration(202612071000)]
public sealed class M202612071000_CreateBackupRuns : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE backup_runs (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                started_at   timestamptz NOT NULL,
                finished_at  timestamptz NOT NULL,
                succeeded    boolean NOT NULL,
                archive      text NOT NULL,
                size_bytes   bigint,
                message      text NOT NULL DEFAULT ''
            );
            CREATE INDEX backup_runs_finished ON backup_runs (finished_at DESC);
            """);
    }

    public override void Down() => Execute.Sql("DROP TABLE backup_runs;");
}
