using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Marking-point suggestions from the sentence model inside the server. A centre can switch them off. Each marking
/// point's vector is computed once per rubric version and kept here. Each revision gets one run (waiting until the
/// worker has read it, then ready or a reason there are none) and the points its text may show, each pointing at the
/// supporting passage by offsets into the revision's text or a file's extracted text: the words themselves stay in
/// the revision, their one home. A candidate's dismissal hides a point for the item. Every suggestion shown, accepted,
/// dismissed or added by an assessor is logged, and a mapping remembers the suggestion it began as. Runs, suggestions
/// and dismissals change what evidence pages show, so they move the enrolment's page version like evidence does.
/// </summary>
[Migration(202612080000)]
public sealed class M202612080000_MarkingPointSuggestions : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE centres ADD COLUMN suggestions_enabled boolean NOT NULL DEFAULT true;

            CREATE TABLE marking_point_vectors (
                marking_point_id  bigint PRIMARY KEY REFERENCES marking_points(id),
                rubric_version_id bigint NOT NULL REFERENCES rubric_versions(id),
                model             text NOT NULL,
                vector            real[] NOT NULL CHECK (cardinality(vector) > 0)
            );
            CREATE INDEX marking_point_vectors_version ON marking_point_vectors (rubric_version_id);

            -- outcome NULL: waiting for the worker. Otherwise 'ready' or why there are no suggestions.
            CREATE TABLE suggestion_runs (
                revision_id   bigint PRIMARY KEY REFERENCES evidence_revisions(id) ON DELETE CASCADE,
                item_id       bigint NOT NULL REFERENCES evidence_items(id) ON DELETE CASCADE,
                text_hash     text NOT NULL,
                requested_at  timestamptz NOT NULL DEFAULT now(),
                finished_at   timestamptz,
                outcome       text CHECK (outcome IN ('ready', 'empty', 'too-long', 'not-english', 'table-only',
                                                      'model-unavailable', 'switched-off', 'failed'))
            );
            CREATE INDEX suggestion_runs_waiting ON suggestion_runs (requested_at) WHERE outcome IS NULL;
            CREATE INDEX suggestion_runs_item ON suggestion_runs (item_id);

            -- file_sha256 NULL: the passage is in the revision's own text.
            CREATE TABLE suggestions (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                revision_id       bigint NOT NULL REFERENCES suggestion_runs(revision_id) ON DELETE CASCADE,
                marking_point_id  bigint NOT NULL REFERENCES marking_points(id),
                strength          text NOT NULL CHECK (strength IN ('strong', 'possible')),
                score             real NOT NULL,
                rank              int NOT NULL,
                file_sha256       text,
                start_offset      int NOT NULL CHECK (start_offset >= 0),
                end_offset        int NOT NULL CHECK (end_offset > start_offset),
                UNIQUE (revision_id, marking_point_id)
            );

            CREATE TABLE suggestion_dismissals (
                item_id           bigint NOT NULL REFERENCES evidence_items(id) ON DELETE CASCADE,
                marking_point_id  bigint NOT NULL REFERENCES marking_points(id),
                dismissed_by      bigint NOT NULL REFERENCES people(id),
                dismissed_at      timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (item_id, marking_point_id)
            );

            CREATE TABLE suggestion_events (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id         bigint NOT NULL REFERENCES centres(id),
                item_id           bigint NOT NULL REFERENCES evidence_items(id) ON DELETE CASCADE,
                suggestion_id     bigint REFERENCES suggestions(id) ON DELETE SET NULL,
                marking_point_id  bigint NOT NULL REFERENCES marking_points(id),
                person_id         bigint NOT NULL REFERENCES people(id),
                event             text NOT NULL CHECK (event IN ('shown', 'accepted', 'dismissed', 'added-by-assessor')),
                strength          text NOT NULL CHECK (strength IN ('strong', 'possible')),
                at                timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX suggestion_events_centre ON suggestion_events (centre_id, at DESC);
            CREATE INDEX suggestion_events_item ON suggestion_events (item_id);
            -- "shown" once per suggestion and person: a page opened again is not a new showing.
            CREATE UNIQUE INDEX suggestion_events_shown_once ON suggestion_events (suggestion_id, person_id)
                WHERE event = 'shown';

            ALTER TABLE mappings ADD COLUMN suggestion_id bigint REFERENCES suggestions(id) ON DELETE SET NULL,
                ADD COLUMN suggested_strength text CHECK (suggested_strength IN ('strong', 'possible'));

            -- Every save of a revision's text and every file added or removed asks for its suggestions afresh (when what
            -- they are read from changed), whatever the write path; the worker reads the newest requests first.
            CREATE FUNCTION request_suggestions(rev bigint) RETURNS void LANGUAGE sql AS $f$
                INSERT INTO suggestion_runs (revision_id, item_id, text_hash)
                SELECT r.id, r.item_id, md5(r.text || coalesce((SELECT string_agg(f.sha256, ',' ORDER BY f.sha256)
                                                               FROM evidence_files f WHERE f.revision_id = r.id), ''))
                FROM evidence_revisions r WHERE r.id = rev
                ON CONFLICT (revision_id) DO UPDATE SET text_hash = excluded.text_hash, requested_at = now(),
                    finished_at = NULL, outcome = NULL
                WHERE suggestion_runs.text_hash <> excluded.text_hash
            $f$;
            CREATE FUNCTION request_suggestions_of_revision() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                PERFORM request_suggestions(NEW.id);
                RETURN NULL;
            END $f$;
            CREATE FUNCTION request_suggestions_of_file() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                PERFORM request_suggestions(CASE TG_OP WHEN 'DELETE' THEN OLD.revision_id ELSE NEW.revision_id END);
                RETURN NULL;
            END $f$;
            CREATE TRIGGER evidence_revisions_request_suggestions AFTER INSERT OR UPDATE OF text ON evidence_revisions
                FOR EACH ROW EXECUTE FUNCTION request_suggestions_of_revision();
            CREATE TRIGGER evidence_files_request_suggestions AFTER INSERT OR DELETE ON evidence_files
                FOR EACH ROW EXECUTE FUNCTION request_suggestions_of_file();

            DO $$
            DECLARE
                t record;
                op text;
            BEGIN
                FOR t IN SELECT * FROM (VALUES
                    ('suggestion_runs', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_items i ON i.id = c.item_id'),
                    ('suggestion_dismissals', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_items i ON i.id = c.item_id')
                ) AS v(table_name, query)
                LOOP
                    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
                        EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT '
                            'EXECUTE FUNCTION touch_enrolments_of_changed_rows(%L)',
                            t.table_name || '_touch_' || op, upper(op), t.table_name,
                            CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                                    ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                            t.query);
                    END LOOP;
                END LOOP;
            END $$;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TRIGGER evidence_revisions_request_suggestions ON evidence_revisions;
            DROP TRIGGER evidence_files_request_suggestions ON evidence_files;
            DROP FUNCTION request_suggestions_of_revision(), request_suggestions_of_file(), request_suggestions(bigint);
            ALTER TABLE mappings DROP COLUMN suggestion_id, DROP COLUMN suggested_strength;
            DROP TABLE suggestion_events, suggestion_dismissals, suggestions, suggestion_runs, marking_point_vectors;
            ALTER TABLE centres DROP COLUMN suggestions_enabled;
            """);
    }
}
