using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Progress kept up to date by the database itself, so the pages that show it read a few rows instead of walking every
/// mapping and judgement of a candidate (the candidate's dashboard) or of fifty candidates (the assessor's caseload):
/// per enrolment and element the marking points claimed and met; per enrolment the totals, the items waiting and the
/// days from submission to feedback; and the assessment queue itself. Statement-level triggers on every table that
/// feeds them recompute the enrolments a statement touched, inside the same transaction, so no write path can forget
/// them. Writers of one enrolment take turns (a row lock on the enrolment) so a recomputation always sees every change
/// committed before it. A write recomputes only the part it can change (what is claimed and met, or the queue), with
/// generic plans: unmapping and mapping a point in one transaction costs 2.4 ms against 0.5 ms without any trigger on
/// the 2,000-candidate dataset (pgbench; docs/performance.md).
/// </summary>
[Migration(202611230900)]
public sealed class M202611230900_ProgressSummaries : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            -- Derived rows only: everything here can be rebuilt with refresh_enrolment_progress(array of enrolment ids, 'all').
            CREATE TABLE enrolment_element_progress (
                enrolment_id  bigint NOT NULL,
                element_id    bigint NOT NULL,
                total         int NOT NULL,
                claimed       int NOT NULL,
                met           int NOT NULL,
                PRIMARY KEY (enrolment_id, element_id)
            );

            CREATE TABLE enrolment_progress (
                enrolment_id             bigint PRIMARY KEY,
                total                    int NOT NULL,
                claimed                  int NOT NULL,
                met                      int NOT NULL,
                waiting                  int NOT NULL,
                -- Days from submission to feedback of every returned revision, for medians over any set of enrolments.
                feedback_days            double precision[] NOT NULL,
                median_days_to_feedback  double precision
            );

            -- Items whose newest revision is submitted and not yet returned, with the enrolment's assessor at the time.
            CREATE TABLE assessment_queue (
                item_id          bigint PRIMARY KEY,
                enrolment_id     bigint NOT NULL,
                assessor_id      bigint,
                revision_id      bigint NOT NULL,
                revision_number  int NOT NULL,
                submitted_at     timestamptz NOT NULL,
                started          boolean NOT NULL
            );
            CREATE INDEX assessment_queue_enrolment ON assessment_queue (enrolment_id);
            CREATE INDEX assessment_queue_assessor ON assessment_queue (assessor_id, submitted_at, item_id);

            -- Claimed: mapped by at least one item of the enrolment. Met: the newest judgement of at least one such item is "met".
            -- parts: 'claims' (per-element claimed and met, and the enrolment's totals), 'queue' (the assessment queue, items
            -- waiting and days to feedback) or 'all' (both, and the enrolment's own row made or removed).
            -- Generic plans: with the array as a parameter PostgreSQL otherwise re-plans every statement on every call
            -- (a custom plan looks cheaper), which cost more than running them (pgbench: 1.5 ms a call against 0.8 ms).
            CREATE FUNCTION refresh_enrolment_progress(ids bigint[], parts text) RETURNS void LANGUAGE plpgsql
            SET plan_cache_mode = force_generic_plan AS $$
            BEGIN
                IF coalesce(cardinality(ids), 0) = 0 THEN
                    RETURN;
                END IF;
                IF parts NOT IN ('all', 'claims', 'queue') THEN
                    RAISE EXCEPTION 'unknown progress part %', parts;
                END IF;
                -- A bulk recomputation (the backfill below, a bulk load, moving many enrolments) plans each statement for
                -- the array it has: a generic plan made for a few enrolments would loop over thousands.
                IF cardinality(ids) > 100 THEN
                    PERFORM set_config('plan_cache_mode', 'auto', true);
                END IF;
                -- Waits for any other transaction recomputing these enrolments; the statements below then see its changes.
                PERFORM 1 FROM enrolments WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;

                IF parts = 'all' THEN
                    DELETE FROM enrolment_progress WHERE enrolment_id = ANY(ids);
                    INSERT INTO enrolment_progress (enrolment_id, total, claimed, met, waiting, feedback_days)
                    SELECT id, 0, 0, 0, 0, '{}' FROM enrolments WHERE id = ANY(ids);
                END IF;

                IF parts IN ('all', 'claims') THEN
                    DELETE FROM enrolment_element_progress WHERE enrolment_id = ANY(ids);
                    INSERT INTO enrolment_element_progress (enrolment_id, element_id, total, claimed, met)
                    WITH items AS (SELECT id, enrolment_id FROM evidence_items WHERE enrolment_id = ANY(ids)),
                    claimed AS (SELECT DISTINCT items.enrolment_id, m.marking_point_id FROM items JOIN mappings m ON m.item_id = items.id),
                    met AS (
                        SELECT DISTINCT l.enrolment_id, l.marking_point_id FROM (
                            SELECT DISTINCT ON (j.item_id, j.marking_point_id) items.enrolment_id, j.marking_point_id, j.outcome
                            FROM items JOIN judgements j ON j.item_id = items.id
                            ORDER BY j.item_id, j.marking_point_id, j.judged_at DESC, j.id DESC) l
                        WHERE l.outcome = 'met')
                    SELECT e.id, el.id, count(*), count(c.marking_point_id), count(m.marking_point_id)
                    FROM enrolments e
                    JOIN rubric_elements el ON el.rubric_version_id = e.rubric_version_id
                    JOIN marking_points mp ON mp.element_id = el.id
                    LEFT JOIN claimed c ON c.enrolment_id = e.id AND c.marking_point_id = mp.id
                    LEFT JOIN met m ON m.enrolment_id = e.id AND m.marking_point_id = mp.id
                    WHERE e.id = ANY(ids)
                    GROUP BY e.id, el.id;

                    UPDATE enrolment_progress p SET total = x.total, claimed = x.claimed, met = x.met
                    FROM (SELECT enrolment_id, sum(total)::int AS total, sum(claimed)::int AS claimed, sum(met)::int AS met
                          FROM enrolment_element_progress WHERE enrolment_id = ANY(ids) GROUP BY enrolment_id) x
                    WHERE p.enrolment_id = x.enrolment_id;
                END IF;

                IF parts IN ('all', 'queue') THEN
                    DELETE FROM assessment_queue WHERE enrolment_id = ANY(ids);
                    INSERT INTO assessment_queue (item_id, enrolment_id, assessor_id, revision_id, revision_number, submitted_at, started)
                    SELECT i.id, i.enrolment_id, e.assessor_id, r.id, r.number, r.submitted_at, ar.id IS NOT NULL
                    FROM evidence_items i
                    JOIN enrolments e ON e.id = i.enrolment_id
                    JOIN LATERAL (SELECT id, number, submitted_at FROM evidence_revisions WHERE item_id = i.id ORDER BY number DESC LIMIT 1) r ON true
                    LEFT JOIN assessment_reviews ar ON ar.revision_id = r.id
                    WHERE i.enrolment_id = ANY(ids) AND r.submitted_at IS NOT NULL AND ar.returned_at IS NULL;

                    UPDATE enrolment_progress p
                    SET waiting = (SELECT count(*) FROM assessment_queue q WHERE q.enrolment_id = p.enrolment_id),
                        feedback_days = f.days,
                        median_days_to_feedback = (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM unnest(f.days) d)
                    FROM (SELECT e.id, (
                              SELECT coalesce(array_agg((extract(epoch FROM ar.returned_at - r.submitted_at) / 86400)::double precision ORDER BY ar.returned_at), '{}')
                              FROM evidence_items i JOIN evidence_revisions r ON r.item_id = i.id JOIN assessment_reviews ar ON ar.revision_id = r.id
                              WHERE i.enrolment_id = e.id AND ar.returned_at IS NOT NULL) AS days
                          FROM enrolments e WHERE e.id = ANY(ids)) f
                    WHERE p.enrolment_id = f.id;
                END IF;
            END $$;

            -- Mappings, judgements and revisions: the enrolments of the items in the changed rows.
            CREATE FUNCTION enrolment_progress_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(DISTINCT i.enrolment_id) INTO ids FROM new_rows n JOIN evidence_items i ON i.id = n.item_id;
                ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(DISTINCT i.enrolment_id) INTO ids FROM old_rows o JOIN evidence_items i ON i.id = o.item_id;
                ELSE
                    SELECT array_agg(DISTINCT i.enrolment_id) INTO ids
                    FROM (SELECT item_id FROM new_rows UNION SELECT item_id FROM old_rows) c JOIN evidence_items i ON i.id = c.item_id;
                END IF;
                -- Mappings and judgements change what is claimed and met; revisions change the queue.
                PERFORM refresh_enrolment_progress(ids, CASE TG_TABLE_NAME WHEN 'evidence_revisions' THEN 'queue' ELSE 'claims' END);
                RETURN NULL;
            END $$;

            -- Saving a draft rewrites its revision many times; only submitting (or its undoing) changes progress.
            CREATE FUNCTION enrolment_progress_revision_submitted() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                SELECT array_agg(DISTINCT i.enrolment_id) INTO ids
                FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN evidence_items i ON i.id IN (n.item_id, o.item_id)
                WHERE n.submitted_at IS DISTINCT FROM o.submitted_at OR n.item_id <> o.item_id;
                PERFORM refresh_enrolment_progress(ids, 'queue');
                RETURN NULL;
            END $$;

            CREATE FUNCTION enrolment_progress_reviews_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(DISTINCT i.enrolment_id) INTO ids
                    FROM new_rows n JOIN evidence_revisions r ON r.id = n.revision_id JOIN evidence_items i ON i.id = r.item_id;
                ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(DISTINCT i.enrolment_id) INTO ids
                    FROM old_rows o JOIN evidence_revisions r ON r.id = o.revision_id JOIN evidence_items i ON i.id = r.item_id;
                ELSE
                    SELECT array_agg(DISTINCT i.enrolment_id) INTO ids
                    FROM new_rows n JOIN old_rows o ON o.id = n.id
                    JOIN evidence_revisions r ON r.id IN (n.revision_id, o.revision_id) JOIN evidence_items i ON i.id = r.item_id
                    WHERE n.returned_at IS DISTINCT FROM o.returned_at OR n.revision_id <> o.revision_id;
                END IF;
                PERFORM refresh_enrolment_progress(ids, 'queue');
                RETURN NULL;
            END $$;

            CREATE FUNCTION enrolment_progress_evidence_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    SELECT array_agg(DISTINCT enrolment_id) INTO ids FROM old_rows;
                ELSE
                    SELECT array_agg(DISTINCT x.enrolment_id) INTO ids
                    FROM new_rows n JOIN old_rows o ON o.id = n.id CROSS JOIN LATERAL (VALUES (n.enrolment_id), (o.enrolment_id)) x(enrolment_id)
                    WHERE n.enrolment_id <> o.enrolment_id;
                END IF;
                PERFORM refresh_enrolment_progress(ids, 'all');
                RETURN NULL;
            END $$;

            CREATE FUNCTION enrolment_progress_enrolments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(id) INTO ids FROM new_rows;
                ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(id) INTO ids FROM old_rows;
                ELSE
                    SELECT array_agg(n.id) INTO ids FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE n.rubric_version_id <> o.rubric_version_id OR n.assessor_id IS DISTINCT FROM o.assessor_id;
                END IF;
                PERFORM refresh_enrolment_progress(ids, 'all');
                RETURN NULL;
            END $$;

            DO $$
            DECLARE
                t record;
            BEGIN
                FOR t IN SELECT * FROM (VALUES
                    ('mappings', 'insert', 'enrolment_progress_items_changed'),
                    ('mappings', 'update', 'enrolment_progress_items_changed'),
                    ('mappings', 'delete', 'enrolment_progress_items_changed'),
                    ('judgements', 'insert', 'enrolment_progress_items_changed'),
                    ('judgements', 'update', 'enrolment_progress_items_changed'),
                    ('judgements', 'delete', 'enrolment_progress_items_changed'),
                    ('evidence_revisions', 'insert', 'enrolment_progress_items_changed'),
                    ('evidence_revisions', 'update', 'enrolment_progress_revision_submitted'),
                    ('evidence_revisions', 'delete', 'enrolment_progress_items_changed'),
                    ('assessment_reviews', 'insert', 'enrolment_progress_reviews_changed'),
                    ('assessment_reviews', 'update', 'enrolment_progress_reviews_changed'),
                    ('assessment_reviews', 'delete', 'enrolment_progress_reviews_changed'),
                    ('evidence_items', 'update', 'enrolment_progress_evidence_items_changed'),
                    ('evidence_items', 'delete', 'enrolment_progress_evidence_items_changed'),
                    ('enrolments', 'insert', 'enrolment_progress_enrolments_changed'),
                    ('enrolments', 'update', 'enrolment_progress_enrolments_changed'),
                    ('enrolments', 'delete', 'enrolment_progress_enrolments_changed')
                ) AS v(table_name, op, function_name)
                LOOP
                    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                        t.table_name || '_progress_' || t.op, upper(t.op), t.table_name,
                        CASE t.op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                                  ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                        t.function_name);
                END LOOP;
            END $$;

            SELECT refresh_enrolment_progress(array_agg(id), 'all') FROM enrolments;
            ANALYZE enrolment_element_progress, enrolment_progress, assessment_queue;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DO $$
            DECLARE
                t record;
            BEGIN
                FOR t IN SELECT tgname, tgrelid::regclass AS table_name FROM pg_trigger WHERE tgname LIKE '%\_progress\_%' AND NOT tgisinternal LOOP
                    EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.table_name);
                END LOOP;
            END $$;
            DROP FUNCTION enrolment_progress_enrolments_changed();
            DROP FUNCTION enrolment_progress_evidence_items_changed();
            DROP FUNCTION enrolment_progress_reviews_changed();
            DROP FUNCTION enrolment_progress_revision_submitted();
            DROP FUNCTION enrolment_progress_items_changed();
            DROP FUNCTION refresh_enrolment_progress(bigint[], text);
            DROP TABLE assessment_queue;
            DROP TABLE enrolment_progress;
            DROP TABLE enrolment_element_progress;
            """);
    }
}
