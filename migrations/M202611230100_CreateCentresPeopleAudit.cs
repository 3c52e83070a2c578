using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>Centres, people and their roles, sign-in sessions, the append-only audit trail and data-protection keys.</summary>
[Migration(202611230100)]
public sealed class M202611230100_CreateCentresPeopleAudit : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE centres (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name        text NOT NULL CHECK (length(trim(name)) > 0),
                created_at  timestamptz NOT NULL DEFAULT now()
            );

            CREATE TABLE people (
                id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id           bigint NOT NULL REFERENCES centres(id),
                email               text NOT NULL CHECK (email = lower(trim(email)) AND email LIKE '%_@_%'),
                display_name        text NOT NULL CHECK (length(trim(display_name)) > 0),
                password_hash       text NOT NULL,
                roles               text[] NOT NULL
                    CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['candidate','assessor','iqa','admin','eqa']),
                failed_sign_ins     int NOT NULL DEFAULT 0,
                locked_until        timestamptz,
                active              boolean NOT NULL DEFAULT true,
                created_at          timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX people_email ON people (email);
            CREATE INDEX people_centre ON people (centre_id);

            -- A row per signed-in browser: signing out or changing password ends it for good.
            CREATE TABLE sign_in_sessions (
                id            uuid PRIMARY KEY,
                person_id     bigint NOT NULL REFERENCES people(id),
                started_at    timestamptz NOT NULL DEFAULT now(),
                last_seen_at  timestamptz NOT NULL DEFAULT now(),
                ended_at      timestamptz,
                remote_address text
            );
            CREATE INDEX sign_in_sessions_person ON sign_in_sessions (person_id) WHERE ended_at IS NULL;

            CREATE TABLE audit_events (
                id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                occurred_at     timestamptz NOT NULL DEFAULT now(),
                centre_id       bigint REFERENCES centres(id),
                actor_id        bigint REFERENCES people(id),
                action          text NOT NULL,
                subject_type    text,
                subject_id      bigint,
                remote_address  text,
                before          jsonb,
                after           jsonb
            );
            CREATE INDEX audit_events_centre ON audit_events (centre_id, occurred_at);
            CREATE INDEX audit_events_subject ON audit_events (subject_type, subject_id);

            -- The audit trail is append-only: the database itself refuses changes and deletions.
            CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER audit_events_append_only
                BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
            CREATE TRIGGER audit_events_no_truncate
                BEFORE TRUNCATE ON audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

            -- ASP.NET Core data-protection keys, shared by every web node so cookies work across them.
            CREATE TABLE data_protection_keys (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                friendly_name text NOT NULL,
                xml           text NOT NULL,
                created_at    timestamptz NOT NULL DEFAULT now()
            );
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE data_protection_keys;
            DROP TABLE audit_events;
            DROP FUNCTION audit_events_refuse_change();
            DROP TABLE sign_in_sessions;
            DROP TABLE people;
            DROP TABLE centres;
            """);
    }
}
