using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Witnesses: someone without an account whom a candidate names to confirm a piece of evidence. Each request is sent a
/// one-time link (kept only as a SHA-256 of its token) that opens that item's text and nothing else; the answer records
/// the name typed, when, from which address and browser, and a SHA-256 of exactly the text the witness was shown, so a
/// later change of the text shows the confirmation as being for an earlier revision.
/// </summary>
[Migration(202612080200)]
public sealed class M202612080200_CreateWitnessRequests : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE witness_requests (
                id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id        bigint NOT NULL REFERENCES centres(id),
                item_id          bigint NOT NULL REFERENCES evidence_items(id),
                name             text NOT NULL,
                job_title        text NOT NULL,
                relationship     text NOT NULL,
                email            text NOT NULL,
                token_hash       bytea NOT NULL UNIQUE,
                created_at       timestamptz NOT NULL,
                sent_at          timestamptz NOT NULL,
                expires_at       timestamptz NOT NULL,
                withdrawn_at     timestamptz,
                answered_at      timestamptz,
                outcome          text CHECK (outcome IN ('confirmed', 'declined')),
                typed_name       text,
                comment          text,
                remote_address   text,
                user_agent       text,
                text_sha256      text CHECK (text_sha256 IS NULL OR text_sha256 ~ '^[0-9a-f]{64}$'),
                revision_number  int,
                CHECK ((answered_at IS NULL) = (outcome IS NULL))
            );
            CREATE INDEX witness_requests_item ON witness_requests (item_id, id DESC);

            -- The evidence kinds a qualification wants confirmed by a witness before they are submitted.
            ALTER TABLE rubric_versions ADD COLUMN witness_kinds text[] NOT NULL DEFAULT '{}';
            """);
    }

    public override void Down() => Execute.Sql("""
        DROP TABLE witness_requests;
        ALTER TABLE rubric_versions DROP COLUMN witness_kinds;
        """);
}
