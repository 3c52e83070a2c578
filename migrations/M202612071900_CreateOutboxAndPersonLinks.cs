using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// The outbox: every email is a row written in the same transaction as the change that causes it, and a worker on any
/// node sends it (claiming rows with FOR UPDATE SKIP LOCKED so two nodes never send one message). Rows keep the parts
/// of the message (never evidence text); the worker puts them together with the site's address at send time.
/// Person links are the one-time links of invitations and password resets, kept only as a SHA-256 of the token.
/// An invited person has no password until they choose one, so people.password_hash may be empty (NULL).
/// </summary>
[Migration(202612071900)]
public sealed class M202612071900_CreateOutboxAndPersonLinks : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE outbound_mail (
                id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id        bigint REFERENCES centres(id),
                person_id        bigint REFERENCES people(id),
                to_address       text NOT NULL,
                to_name          text NOT NULL,
                kind             text NOT NULL,
                subject          text NOT NULL,
                body             text NOT NULL,
                reason           text NOT NULL,
                link             text NOT NULL,
                link_label       text NOT NULL,
                message_id       uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                created_at       timestamptz NOT NULL DEFAULT now(),
                attempts         int NOT NULL DEFAULT 0,
                next_attempt_at  timestamptz NOT NULL DEFAULT now(),
                sent_at          timestamptz,
                failed_at        timestamptz,
                last_error       text
            );
            -- The worker's claim reads only what is waiting, oldest due first.
            CREATE INDEX outbound_mail_waiting ON outbound_mail (next_attempt_at, id)
                WHERE sent_at IS NULL AND failed_at IS NULL;
            CREATE INDEX outbound_mail_failed ON outbound_mail (centre_id, failed_at DESC) WHERE failed_at IS NOT NULL;

            CREATE TABLE person_links (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                person_id    bigint NOT NULL REFERENCES people(id),
                purpose      text NOT NULL CHECK (purpose IN ('invitation', 'password-reset')),
                token_hash   bytea NOT NULL UNIQUE,
                created_at   timestamptz NOT NULL,
                expires_at   timestamptz NOT NULL,
                used_at      timestamptz,
                revoked_at   timestamptz
            );
            CREATE INDEX person_links_person ON person_links (person_id, purpose, created_at DESC);

            ALTER TABLE people ALTER COLUMN password_hash DROP NOT NULL;
            """);
    }

    public override void Down() => Execute.Sql("""
        DROP TABLE person_links;
        DROP TABLE outbound_mail;
        """);
}
