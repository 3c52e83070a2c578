using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// The progress summaries (M202611230900) recompute only the part a write can change: a mapping or a judgement changes
/// what is claimed and met, a revision or a review changes the queue and the days to feedback, and only a change to an
/// item's or an enrolment's own row needs both. Unmapping and mapping a point in one transaction on the 2,000-candidate
/// dataset took 5.8 ms with the full recomputation re-planned on every call, 2.2 ms now, and 0.5 ms without any triggers
/// (pgbench; docs/performance.md).
/// The way back (Down) restores M202611230900's functions word for word.
/// </summary>
[Migration(202611231100)]
public sealed class M202611231100_ProgressRefreshByPart : Migration
{
    public override void Up()
    {
        Execute.Sql("""
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

            CREATE OR REPLACE FUNCTION refresh_enrolment_progress(ids bigint[]) RETURNS void LANGUAGE sql AS $$
                SELECT refresh_enrolment_progress(ids, 'all');
            $$;

            CREATE OR REPLACE FUNCTION enrolment_progress_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

            CREATE OR REPLACE FUNCTION enrolment_progress_revision_submitted() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                SELECT array_agg(DISTINCT i.enrolment_id) INTO ids
                FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN evidence_items i ON i.id IN (n.item_id, o.item_id)
                WHERE n.submitted_at IS DISTINCT FROM o.submitted_at OR n.item_id <> o.item_id;
                PERFORM refresh_enrolment_progress(ids, 'queue');
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION enrolment_progress_reviews_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

            ALTER FUNCTION touch_enrolments(bigint[]) SET plan_cache_mode = force_generic_plan;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            -- Back to recomputing everything on every write, as M202611230900 made it.
            ALTER FUNCTION touch_enrolments(bigint[]) RESET plan_cache_mode;
            CREATE OR REPLACE FUNCTION refresh_enrolment_progress(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(cardinality(ids), 0) = 0 THEN
                    RETURN;
                END IF;
                -- Waits for any other transaction recomputing these enrolments; the statements below then see its changes.
                PERFORM 1 FROM enrolments WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;

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

                DELETE FROM assessment_queue WHERE enrolment_id = ANY(ids);
                INSERT INTO assessment_queue (item_id, enrolment_id, assessor_id, revision_id, revision_number, submitted_at, started)
                SELECT i.id, i.enrolment_id, e.assessor_id, r.id, r.number, r.submitted_at, ar.id IS NOT NULL
                FROM evidence_items i
                JOIN enrolments e ON e.id = i.enrolment_id
                JOIN LATERAL (SELECT id, number, submitted_at FROM evidence_revisions WHERE item_id = i.id ORDER BY number DESC LIMIT 1) r ON true
                LEFT JOIN assessment_reviews ar ON ar.revision_id = r.id
                WHERE i.enrolment_id = ANY(ids) AND r.submitted_at IS NOT NULL AND ar.returned_at IS NULL;

                DELETE FROM enrolment_progress WHERE enrolment_id = ANY(ids);
                INSERT INTO enrolment_progress (enrolment_id, total, claimed, met, waiting, feedback_days, median_days_to_feedback)
                SELECT e.id, coalesce(p.total, 0), coalesce(p.claimed, 0), coalesce(p.met, 0),
                       (SELECT count(*) FROM assessment_queue q WHERE q.enrolment_id = e.id),
                       f.days, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM unnest(f.days) d)
                FROM enrolments e
                LEFT JOIN LATERAL (
                    SELECT sum(x.total) AS total, sum(x.claimed) AS claimed, sum(x.met) AS met
                    FROM enrolment_element_progress x WHERE x.enrolment_id = e.id) p ON true
                CROSS JOIN LATERAL (
                    SELECT coalesce(array_agg((extract(epoch FROM ar.returned_at - r.submitted_at) / 86400)::double precision ORDER BY ar.returned_at), '{}') AS days
                    FROM evidence_items i JOIN evidence_revisions r ON r.item_id = i.id JOIN assessment_reviews ar ON ar.revision_id = r.id
                    WHERE i.enrolment_id = e.id AND ar.returned_at IS NOT NULL) f
                WHERE e.id = ANY(ids);
            END $$;

            CREATE OR REPLACE FUNCTION enrolment_progress_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
                PERFORM refresh_enrolment_progress(ids);
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION enrolment_progress_revision_submitted() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                SELECT array_agg(DISTINCT i.enrolment_id) INTO ids
                FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN evidence_items i ON i.id IN (n.item_id, o.item_id)
                WHERE n.submitted_at IS DISTINCT FROM o.submitted_at OR n.item_id <> o.item_id;
                PERFORM refresh_enrolment_progress(ids);
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION enrolment_progress_reviews_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
                PERFORM refresh_enrolment_progress(ids);
                RETURN NULL;
            END $$;

            DROP FUNCTION refresh_enrolment_progress(bigint[], text);
            """);
    }
}
