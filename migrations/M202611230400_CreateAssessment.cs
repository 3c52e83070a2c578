using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Assessment: an assessor's review of a submitted revision (overall feedback, returned to the candidate, the
/// candidate's answer), judgements per marking point, element sign-off with reopening, in-site notifications,
/// and full-text search over the text extracted from uploads.
/// </summary>
[Migration(202611230400)]
public sealed class M202611230400_CreateAssessment : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE mappings ADD COLUMN added_by_assessor boolean NOT NULL DEFAULT false;

            CREATE TABLE assessment_reviews (
                id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                revision_id         bigint NOT NULL UNIQUE REFERENCES evidence_revisions(id),
                assessor_id         bigint NOT NULL REFERENCES people(id),
                overall_feedback    text NOT NULL DEFAULT '',
                started_at          timestamptz NOT NULL DEFAULT now(),
                updated_at          timestamptz NOT NULL DEFAULT now(),
                returned_at         timestamptz,
                candidate_response  text,
                responded_at        timestamptz
            );

            CREATE TABLE judgements (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                review_id         bigint NOT NULL REFERENCES assessment_reviews(id),
                revision_id       bigint NOT NULL REFERENCES evidence_revisions(id),
                item_id           bigint NOT NULL REFERENCES evidence_items(id),
                marking_point_id  bigint NOT NULL REFERENCES marking_points(id),
                outcome           text NOT NULL CHECK (outcome IN ('met', 'not-yet', 'rejected')),
                feedback          text NOT NULL DEFAULT '',
                assessor_id       bigint NOT NULL REFERENCES people(id),
                judged_at         timestamptz NOT NULL DEFAULT now(),
                UNIQUE (revision_id, marking_point_id)
            );
            CREATE INDEX judgements_item_point ON judgements (item_id, marking_point_id, judged_at DESC);
            CREATE INDEX judgements_point ON judgements (marking_point_id);

            CREATE TABLE element_signoffs (
                id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                enrolment_id            bigint NOT NULL REFERENCES enrolments(id),
                element_id              bigint NOT NULL REFERENCES rubric_elements(id),
                assessor_id             bigint NOT NULL REFERENCES people(id),
                assessor_declaration    text NOT NULL,
                signed_at               timestamptz NOT NULL DEFAULT now(),
                candidate_confirmed_at  timestamptz,
                reopened_at             timestamptz,
                reopened_by             bigint REFERENCES people(id),
                reopen_reason           text,
                CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL))
            );
            -- At most one live sign-off per element of an enrolment.
            CREATE UNIQUE INDEX element_signoffs_live ON element_signoffs (enrolment_id, element_id) WHERE reopened_at IS NULL;

            CREATE TABLE notifications (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id   bigint NOT NULL REFERENCES centres(id),
                person_id   bigint NOT NULL REFERENCES people(id),
                text        text NOT NULL,
                link        text NOT NULL,
                created_at  timestamptz NOT NULL DEFAULT now(),
                read_at     timestamptz
            );
            CREATE INDEX notifications_unread ON notifications (person_id, created_at DESC) WHERE read_at IS NULL;
            CREATE INDEX notifications_person ON notifications (person_id, created_at DESC);

            ALTER TABLE stored_files ADD COLUMN search tsvector
                GENERATED ALWAYS AS (to_tsvector('english', coalesce(extracted_text, ''))) STORED;
            CREATE INDEX stored_files_search ON stored_files USING gin (search);
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP INDEX stored_files_search;
            ALTER TABLE stored_files DROP COLUMN search;
            DROP TABLE notifications;
            DROP TABLE element_signoffs;
            DROP TABLE judgements;
            DROP TABLE assessment_reviews;
            ALTER TABLE mappings DROP COLUMN added_by_assessor;
            """);
    }
}
