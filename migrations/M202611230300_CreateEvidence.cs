using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Candidate evidence: items with revisions (a submitted revision is frozen), uploaded files, annotations and
/// mappings to marking points. Full-text search over revision text and extracted file text.
/// </summary>
[Migration(202611230300)]
public sealed class M202611230300_CreateEvidence : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE evidence_items (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id     bigint NOT NULL REFERENCES centres(id),
                enrolment_id  bigint NOT NULL REFERENCES enrolments(id),
                candidate_id  bigint NOT NULL REFERENCES people(id),
                kind          text NOT NULL CHECK (kind IN ('action-plan','reflective-account','development-plan','progress-review',
                                                            'observation','witness-testimony','professional-discussion','other-document')),
                title         text NOT NULL CHECK (length(trim(title)) > 0),
                created_at    timestamptz NOT NULL DEFAULT now(),
                updated_at    timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX evidence_items_candidate ON evidence_items (candidate_id, updated_at DESC);
            CREATE INDEX evidence_items_enrolment ON evidence_items (enrolment_id);

            -- The newest revision of an item is the one being worked on until it is submitted; submitting freezes it.
            CREATE TABLE evidence_revisions (
                id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                item_id                bigint NOT NULL REFERENCES evidence_items(id),
                number                 int NOT NULL,
                content                jsonb NOT NULL,
                text                   text NOT NULL,
                created_at             timestamptz NOT NULL DEFAULT now(),
                updated_at             timestamptz NOT NULL DEFAULT now(),
                submitted_at           timestamptz,
                anonymised_confirmed   boolean NOT NULL DEFAULT false,
                client_consent_declared boolean NOT NULL DEFAULT false,
                authenticity_declared  boolean NOT NULL DEFAULT false,
                search                 tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
                UNIQUE (item_id, number),
                CHECK (submitted_at IS NULL OR authenticity_declared)
            );
            CREATE INDEX evidence_revisions_search ON evidence_revisions USING gin (search);
            CREATE INDEX evidence_revisions_submitted ON evidence_revisions (submitted_at) WHERE submitted_at IS NOT NULL;

            CREATE FUNCTION evidence_revisions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.submitted_at IS NOT NULL THEN
                    RAISE EXCEPTION 'revision % of item % was submitted and cannot be changed', OLD.number, OLD.item_id
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
            END $$;
            CREATE TRIGGER evidence_revisions_frozen BEFORE UPDATE OR DELETE ON evidence_revisions
                FOR EACH ROW EXECUTE FUNCTION evidence_revisions_frozen();

            -- One row per stored blob (content-addressed); text extracted once.
            CREATE TABLE stored_files (
                sha256          text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
                size            bigint NOT NULL,
                mime_type       text NOT NULL,
                extracted_text  text,
                created_at      timestamptz NOT NULL DEFAULT now()
            );

            CREATE TABLE evidence_files (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                revision_id   bigint NOT NULL REFERENCES evidence_revisions(id),
                candidate_id  bigint NOT NULL REFERENCES people(id),
                sha256        text NOT NULL REFERENCES stored_files(sha256),
                display_name  text NOT NULL,
                uploaded_at   timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX evidence_files_revision ON evidence_files (revision_id);
            CREATE INDEX evidence_files_candidate ON evidence_files (candidate_id);

            CREATE TABLE annotations (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                item_id       bigint NOT NULL REFERENCES evidence_items(id),
                file_sha256   text REFERENCES stored_files(sha256),
                quote_exact   text,
                quote_prefix  text,
                quote_suffix  text,
                start_offset  int,
                end_offset    int,
                region        numeric(7,4)[] CHECK (region IS NULL OR cardinality(region) = 4),
                comment       text NOT NULL DEFAULT '',
                orphaned_at   timestamptz,
                created_at    timestamptz NOT NULL DEFAULT now(),
                created_by    bigint NOT NULL REFERENCES people(id),
                CHECK ((quote_exact IS NOT NULL AND start_offset IS NOT NULL AND end_offset >= start_offset) OR region IS NOT NULL)
            );
            CREATE INDEX annotations_item ON annotations (item_id);

            CREATE TABLE annotation_points (
                annotation_id     bigint NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
                marking_point_id  bigint NOT NULL REFERENCES marking_points(id),
                PRIMARY KEY (annotation_id, marking_point_id)
            );

            CREATE TABLE mappings (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                item_id           bigint NOT NULL REFERENCES evidence_items(id),
                marking_point_id  bigint NOT NULL REFERENCES marking_points(id),
                rationale         text NOT NULL DEFAULT '',
                annotation_id     bigint REFERENCES annotations(id) ON DELETE SET NULL,
                created_at        timestamptz NOT NULL DEFAULT now(),
                created_by        bigint NOT NULL REFERENCES people(id),
                UNIQUE (item_id, marking_point_id)
            );
            CREATE INDEX mappings_point ON mappings (marking_point_id);
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE mappings;
            DROP TABLE annotation_points;
            DROP TABLE annotations;
            DROP TABLE evidence_files;
            DROP TABLE stored_files;
            DROP TABLE evidence_revisions;
            DROP FUNCTION evidence_revisions_frozen();
            DROP TABLE evidence_items;
            """);
    }
}
