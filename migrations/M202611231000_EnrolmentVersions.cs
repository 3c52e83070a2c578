using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// A version number per enrolment that changes in the same transaction as anything shown about it: its evidence,
/// revisions, files, annotations, mappings, judgements, reviews, sign-offs, the enrolment itself, and the names of the
/// people on it. Pages keep what they read in memory stamped with the versions they saw and read again only when a
/// version differs (Portfolio.Web.Hosting.PageCache). Each change also gives a new version to every person whose pages
/// show the enrolment (its candidate and its assessor, before and after), and the session check every request makes
/// reads the signed-in person's one with a key lookup. Statement-level triggers do the stamping, so no write path can
/// forget it; writers of one enrolment, and of one person's enrolments, take turns on its row.
/// </summary>
[Migration(202611231000)]
public sealed class M202611231000_EnrolmentVersions : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE SEQUENCE enrolment_version_numbers;

            -- people: the candidate and assessor of the enrolment when it was last touched.
            CREATE TABLE enrolment_versions (
                enrolment_id  bigint PRIMARY KEY,
                version       bigint NOT NULL,
                people        bigint[] NOT NULL DEFAULT '{}'
            );

            -- The version of everything a person's pages show: changed with every enrolment they are the candidate or the
            -- assessor of, before and after the change (a candidate given to another assessor changes both assessors').
            CREATE TABLE person_versions (
                person_id  bigint PRIMARY KEY,
                version    bigint NOT NULL
            );

            CREATE FUNCTION touch_enrolments(ids bigint[]) RETURNS void LANGUAGE plpgsql
            SET plan_cache_mode = force_generic_plan AS $$
            DECLARE
                persons bigint[];
            BEGIN
                IF coalesce(cardinality(ids), 0) = 0 THEN
                    RETURN;
                END IF;
                -- The same lock, taken first, as refresh_enrolment_progress: writers of one enrolment take turns.
                PERFORM 1 FROM enrolments WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
                SELECT array_agg(DISTINCT x ORDER BY x) INTO persons FROM (
                    SELECT unnest(v.people) FROM enrolment_versions v WHERE v.enrolment_id = ANY(ids)
                    UNION ALL SELECT e.candidate_id FROM enrolments e WHERE e.id = ANY(ids)
                    UNION ALL SELECT e.assessor_id FROM enrolments e WHERE e.id = ANY(ids)) p(x)
                WHERE x IS NOT NULL;
                INSERT INTO enrolment_versions (enrolment_id, version, people)
                SELECT e.id, nextval('enrolment_version_numbers'), array_remove(ARRAY[e.candidate_id, e.assessor_id], NULL)
                FROM enrolments e WHERE e.id = ANY(ids) ORDER BY e.id
                ON CONFLICT (enrolment_id) DO UPDATE SET version = excluded.version, people = excluded.people;
                INSERT INTO person_versions (person_id, version)
                SELECT x, nextval('enrolment_version_numbers') FROM unnest(persons) x ORDER BY x
                ON CONFLICT (person_id) DO UPDATE SET version = excluded.version;
            END $$;

            -- TG_ARGV[0]: a query with one %s for the changed rows (old, new or both) that gives the enrolment ids.
            CREATE FUNCTION touch_enrolments_of_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                EXECUTE format(TG_ARGV[0], CASE TG_OP
                    WHEN 'INSERT' THEN 'new_rows'
                    WHEN 'DELETE' THEN 'old_rows'
                    ELSE '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows)' END) INTO ids;
                PERFORM touch_enrolments(ids);
                RETURN NULL;
            END $$;

            -- People: only a change of name, roles or active changes what pages show (not sign-in counters).
            CREATE FUNCTION touch_enrolments_of_people() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                SELECT array_agg(DISTINCT e.id) INTO ids
                FROM new_rows n JOIN old_rows o ON o.id = n.id
                JOIN enrolments e ON n.id IN (e.candidate_id, e.assessor_id, e.iqa_id)
                WHERE (n.display_name, n.roles, n.active) IS DISTINCT FROM (o.display_name, o.roles, o.active);
                PERFORM touch_enrolments(ids);
                RETURN NULL;
            END $$;
            CREATE TRIGGER people_touch AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION touch_enrolments_of_people();

            DO $$
            DECLARE
                t record;
                op text;
            BEGIN
                FOR t IN SELECT * FROM (VALUES
                    ('enrolments', 'SELECT array_agg(DISTINCT c.id) FROM %s c'),
                    ('element_signoffs', 'SELECT array_agg(DISTINCT c.enrolment_id) FROM %s c'),
                    ('evidence_items', 'SELECT array_agg(DISTINCT c.enrolment_id) FROM %s c'),
                    ('evidence_revisions', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_items i ON i.id = c.item_id'),
                    ('mappings', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_items i ON i.id = c.item_id'),
                    ('judgements', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_items i ON i.id = c.item_id'),
                    ('annotations', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_items i ON i.id = c.item_id'),
                    ('annotation_points', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN annotations a ON a.id = c.annotation_id JOIN evidence_items i ON i.id = a.item_id'),
                    ('assessment_reviews', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_revisions r ON r.id = c.revision_id JOIN evidence_items i ON i.id = r.item_id'),
                    ('evidence_files', 'SELECT array_agg(DISTINCT i.enrolment_id) FROM %s c JOIN evidence_revisions r ON r.id = c.revision_id JOIN evidence_items i ON i.id = r.item_id')
                ) AS v(table_name, query)
                LOOP
                    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
                        EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION touch_enrolments_of_changed_rows(%L)',
                            t.table_name || '_touch_' || op, upper(op), t.table_name,
                            CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                                    ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                            t.query);
                    END LOOP;
                END LOOP;
            END $$;

            SELECT touch_enrolments(array_agg(id)) FROM enrolments;
            ANALYZE enrolment_versions, person_versions;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DO $$
            DECLARE
                t text;
                op text;
            BEGIN
                FOREACH t IN ARRAY ARRAY['enrolments', 'element_signoffs', 'evidence_items', 'evidence_revisions', 'mappings', 'judgements',
                                         'annotations', 'annotation_points', 'assessment_reviews', 'evidence_files'] LOOP
                    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
                        EXECUTE format('DROP TRIGGER %I ON %I', t || '_touch_' || op, t);
                    END LOOP;
                END LOOP;
            END $$;
            DROP TRIGGER people_touch ON people;
            DROP FUNCTION touch_enrolments_of_people();
            DROP FUNCTION touch_enrolments_of_changed_rows();
            DROP FUNCTION touch_enrolments(bigint[]);
            DROP TABLE person_versions;
            DROP TABLE enrolment_versions;
            DROP SEQUENCE enrolment_version_numbers;
            """);
    }
}
