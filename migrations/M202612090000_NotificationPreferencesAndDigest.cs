using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// How each person wants the emails that tell them what happened: a row only once they choose (no row: every kind by
/// email straight away), its choices as {"kind": "immediately" | "digest" | "none"}. Events a person takes in a daily
/// digest wait in digest_items until the digest worker turns them into one outbox message (and deletes them, in the
/// same transaction). A digest message lists its events in outbound_mail.items. The site's key for signing
/// unsubscribe links is one random row, made by the site on first use.
/// </summary>
[Migration(202612090000)]
public sealed class M202612090000_NotificationPreferencesAndDigest : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE notification_settings (
                person_id   bigint PRIMARY KEY REFERENCES people(id),
                choices     jsonb NOT NULL DEFAULT '{}'::jsonb,
                updated_at  timestamptz NOT NULL DEFAULT now()
            );

            CREATE TABLE digest_items (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id   bigint NOT NULL REFERENCES centres(id),
                person_id   bigint NOT NULL REFERENCES people(id),
                kind        text NOT NULL,
                body        text NOT NULL,
                link        text NOT NULL,
                link_label  text NOT NULL,
                created_at  timestamptz NOT NULL DEFAULT now()
            );
            -- The digest worker takes everything waiting from before the day's digest hour.
            CREATE INDEX digest_items_waiting ON digest_items (created_at, person_id);
            CREATE INDEX digest_items_person ON digest_items (person_id);

            ALTER TABLE outbound_mail ADD COLUMN items jsonb;

            CREATE TABLE unsubscribe_keys (
                id      int PRIMARY KEY CHECK (id = 1),
                secret  bytea NOT NULL
            );
            """);
    }

    public override void Down() => Execute.Sql("""
        DROP TABLE unsubscribe_keys;
        ALTER TABLE outbound_mail DROP COLUMN items;
        DROP TABLE digest_items;
        DROP TABLE notification_settings;
        """);
}
