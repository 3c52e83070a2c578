using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// What internal quality assurance samples from, kept by the database in every write so that proposing a sample and
/// drawing the coverage grid never walk every judgement of a centre: one row per decision that can be sampled
/// (<c>qa_decisions</c>: a returned review or an element sign-off, with the elements it judged and whether it is
/// sampled), and counters per qualification of the decisions, and of those sampled, behind each thing a sampling plan
/// asks to cover (<c>qa_coverage</c>: an assessor, a candidate, an evidence kind, an element, a decision type, and each
/// assessor × element cell of the grid). Statement-level triggers recompute the decisions a statement touched;
/// a trigger on <c>qa_decisions</c> moves the counters by the difference, so concurrent writers never recount.
/// </summary>
[Migration(202612071500)]
public sealed class M202612071500_SamplingSummaries : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            -- The elements a review judged come from its judgements.
            CREATE INDEX judgements_review ON judgements (review_id);

            CREATE TABLE qa_decisions (
                source            text NOT NULL CHECK (source IN ('review', 'signoff')),
                id                bigint NOT NULL,
                centre_id         bigint NOT NULL,
                qualification_id  bigint NOT NULL,
                enrolment_id      bigint NOT NULL,
                candidate_id      bigint NOT NULL,
                assessor_id       bigint NOT NULL,
                item_id           bigint,
                evidence_kind     text,
                element_codes     text[] NOT NULL,
                decision_type     text NOT NULL,
                decided_at        timestamptz NOT NULL,
                sampled           boolean NOT NULL,
                PRIMARY KEY (source, id)
            );
            -- Open decisions oldest first: of the qualification, of one assessor, of one candidate.
            CREATE INDEX qa_decisions_open ON qa_decisions (qualification_id, decided_at, source, id) WHERE NOT sampled;
            CREATE INDEX qa_decisions_open_assessor ON qa_decisions (qualification_id, assessor_id, decided_at, source, id)
                WHERE NOT sampled;

            -- requirement: 'assessor:ID', 'candidate:ID', 'kind:KEY', 'element:CODE', 'type:interim|summative', and
            -- 'cell:ASSESSOR:CODE' for the coverage grid.
            CREATE TABLE qa_coverage (
                qualification_id  bigint NOT NULL,
                requirement       text NOT NULL,
                decisions         int NOT NULL,
                sampled           int NOT NULL,
                PRIMARY KEY (qualification_id, requirement)
            );

            CREATE FUNCTION qa_requirements(assessor_id bigint, candidate_id bigint, kind text, codes text[], decision_type text)
            RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
                SELECT ARRAY['assessor:' || assessor_id, 'candidate:' || candidate_id, 'type:' || decision_type]
                       || CASE WHEN kind IS NULL THEN '{}'::text[] ELSE ARRAY['kind:' || kind] END
                       || ARRAY(SELECT 'element:' || c FROM unnest(codes) c)
                       || ARRAY(SELECT 'cell:' || assessor_id || ':' || c FROM unnest(codes) c)
            $$;

            CREATE FUNCTION refresh_qa_decisions(review_ids bigint[], signoff_ids bigint[]) RETURNS void LANGUAGE plpgsql
            SET plan_cache_mode = force_generic_plan AS $$
            BEGIN
                -- A bulk recomputation plans for the arrays it has (see refresh_enrolment_progress).
                IF coalesce(cardinality(review_ids), 0) + coalesce(cardinality(signoff_ids), 0) > 100 THEN
                    PERFORM set_config('plan_cache_mode', 'auto', true);
                END IF;
                IF coalesce(cardinality(review_ids), 0) > 0 THEN
                    DELETE FROM qa_decisions WHERE source = 'review' AND id = ANY(review_ids);
                    INSERT INTO qa_decisions (source, id, centre_id, qualification_id, enrolment_id, candidate_id, assessor_id,
                                              item_id, evidence_kind, element_codes, decision_type, decided_at, sampled)
                    SELECT 'review', ar.id, e.centre_id, e.qualification_id, e.id, i.candidate_id, ar.assessor_id, i.id, i.kind,
                           ARRAY(SELECT DISTINCT el.code FROM judgements j JOIN marking_points mp ON mp.id = j.marking_point_id
                                 JOIN rubric_elements el ON el.id = mp.element_id WHERE j.review_id = ar.id ORDER BY el.code),
                           'interim', ar.returned_at, EXISTS (SELECT 1 FROM qa_samples s WHERE s.review_id = ar.id)
                    FROM assessment_reviews ar JOIN evidence_revisions r ON r.id = ar.revision_id
                    JOIN evidence_items i ON i.id = r.item_id JOIN enrolments e ON e.id = i.enrolment_id
                    WHERE ar.id = ANY(review_ids) AND ar.returned_at IS NOT NULL;
                END IF;
                IF coalesce(cardinality(signoff_ids), 0) > 0 THEN
                    DELETE FROM qa_decisions WHERE source = 'signoff' AND id = ANY(signoff_ids);
                    INSERT INTO qa_decisions (source, id, centre_id, qualification_id, enrolment_id, candidate_id, assessor_id,
                                              item_id, evidence_kind, element_codes, decision_type, decided_at, sampled)
                    SELECT 'signoff', s.id, e.centre_id, e.qualification_id, e.id, e.candidate_id, s.assessor_id, NULL, NULL,
                           ARRAY[el.code], 'summative', s.signed_at, EXISTS (SELECT 1 FROM qa_samples q WHERE q.signoff_id = s.id)
                    FROM element_signoffs s JOIN enrolments e ON e.id = s.enrolment_id JOIN rubric_elements el ON el.id = s.element_id
                    WHERE s.id = ANY(signoff_ids);
                END IF;
            END $$;

            -- Counters move by what left and what came, in one statement taking rows in key order (no deadlocks).
            CREATE FUNCTION qa_coverage_add(gone qa_decisions[], came qa_decisions[]) RETURNS void LANGUAGE sql AS $$
                INSERT INTO qa_coverage AS c (qualification_id, requirement, decisions, sampled)
                SELECT x.qualification_id, r, sum(x.sign)::int, sum(CASE WHEN x.sampled THEN x.sign ELSE 0 END)::int
                FROM (SELECT g.*, -1 AS sign FROM unnest(gone) g UNION ALL SELECT n.*, 1 FROM unnest(came) n) x,
                     unnest(qa_requirements(x.assessor_id, x.candidate_id, x.evidence_kind, x.element_codes, x.decision_type)) r
                GROUP BY x.qualification_id, r
                HAVING sum(x.sign) <> 0 OR sum(CASE WHEN x.sampled THEN x.sign ELSE 0 END) <> 0
                ORDER BY 1, 2
                ON CONFLICT (qualification_id, requirement)
                DO UPDATE SET decisions = c.decisions + excluded.decisions, sampled = c.sampled + excluded.sampled
            $$;

            CREATE FUNCTION qa_decisions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM qa_coverage_add('{}', (SELECT array_agg(ROW(n.*)::qa_decisions) FROM new_rows n));
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM qa_coverage_add((SELECT array_agg(ROW(o.*)::qa_decisions) FROM old_rows o), '{}');
                ELSE
                    PERFORM qa_coverage_add((SELECT array_agg(ROW(o.*)::qa_decisions) FROM old_rows o),
                                           (SELECT array_agg(ROW(n.*)::qa_decisions) FROM new_rows n));
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER qa_decisions_insert AFTER INSERT ON qa_decisions REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION qa_decisions_changed();
            CREATE TRIGGER qa_decisions_update AFTER UPDATE ON qa_decisions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION qa_decisions_changed();
            CREATE TRIGGER qa_decisions_delete AFTER DELETE ON qa_decisions REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION qa_decisions_changed();

            -- Every table a decision is read from: the decisions its changed rows belong to are recomputed.
            -- TG_ARGV[0]: the changed row (alias n) as (review_id, signoff_id, item_id, enrolment_id), one of them set;
            -- TG_ARGV[1]: for updates, when a row matters (n new, o old), e.g. only when an item's kind changed.
            CREATE FUNCTION qa_decision_sources_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                changed text;
                reviews bigint[];
                signoffs bigint[];
            BEGIN
                changed := CASE TG_OP
                    WHEN 'INSERT' THEN format('SELECT %s FROM new_rows n', TG_ARGV[0])
                    WHEN 'DELETE' THEN format('SELECT %s FROM old_rows n', TG_ARGV[0])
                    ELSE format('SELECT %1$s FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %2$s
                                 UNION ALL SELECT %1$s FROM old_rows n JOIN new_rows o ON o.id = n.id WHERE %2$s',
                                TG_ARGV[0], TG_ARGV[1]) END;
                EXECUTE format($q$
                    WITH c(review_id, signoff_id, item_id, enrolment_id) AS (%s)
                    SELECT (SELECT array_agg(DISTINCT x.id) FROM (
                                SELECT review_id AS id FROM c WHERE review_id IS NOT NULL
                                UNION ALL
                                SELECT ar.id FROM c JOIN evidence_revisions r ON r.item_id = c.item_id
                                JOIN assessment_reviews ar ON ar.revision_id = r.id
                                UNION ALL
                                SELECT ar.id FROM c JOIN evidence_items i ON i.enrolment_id = c.enrolment_id
                                JOIN evidence_revisions r ON r.item_id = i.id JOIN assessment_reviews ar ON ar.revision_id = r.id) x),
                           (SELECT array_agg(DISTINCT x.id) FROM (
                                SELECT signoff_id AS id FROM c WHERE signoff_id IS NOT NULL
                                UNION ALL
                                SELECT s.id FROM c JOIN element_signoffs s ON s.enrolment_id = c.enrolment_id) x)
                    $q$, changed) INTO reviews, signoffs;
                IF reviews IS NULL AND signoffs IS NULL THEN
                    RETURN NULL;
                END IF;
                -- Waits for any other transaction recomputing these decisions; the statements then see its changes.
                PERFORM 1 FROM assessment_reviews WHERE id = ANY(reviews) ORDER BY id FOR NO KEY UPDATE;
                PERFORM 1 FROM element_signoffs WHERE id = ANY(signoffs) ORDER BY id FOR NO KEY UPDATE;
                PERFORM refresh_qa_decisions(reviews, signoffs);
                RETURN NULL;
            END $$;

            DO $$
            DECLARE
                t record;
            BEGIN
                FOR t IN SELECT * FROM (VALUES
                    ('assessment_reviews', 'n.id, NULL::bigint, NULL::bigint, NULL::bigint',
                     '(n.returned_at, n.assessor_id, n.revision_id) IS DISTINCT FROM (o.returned_at, o.assessor_id, o.revision_id)'),
                    ('judgements', 'n.review_id, NULL::bigint, NULL::bigint, NULL::bigint',
                     '(n.review_id, n.marking_point_id) IS DISTINCT FROM (o.review_id, o.marking_point_id)'),
                    ('element_signoffs', 'NULL::bigint, n.id, NULL::bigint, NULL::bigint',
                     '(n.signed_at, n.assessor_id, n.element_id, n.enrolment_id)
                      IS DISTINCT FROM (o.signed_at, o.assessor_id, o.element_id, o.enrolment_id)'),
                    ('qa_samples', 'n.review_id, n.signoff_id, NULL::bigint, NULL::bigint',
                     '(n.review_id, n.signoff_id) IS DISTINCT FROM (o.review_id, o.signoff_id)'),
                    ('evidence_items', 'NULL::bigint, NULL::bigint, n.id, NULL::bigint',
                     '(n.kind, n.enrolment_id, n.candidate_id) IS DISTINCT FROM (o.kind, o.enrolment_id, o.candidate_id)'),
                    ('enrolments', 'NULL::bigint, NULL::bigint, NULL::bigint, n.id',
                     '(n.qualification_id, n.candidate_id, n.centre_id) IS DISTINCT FROM (o.qualification_id, o.candidate_id, o.centre_id)')
                ) AS v(table_name, changed_row, matters), (VALUES ('insert'), ('update'), ('delete')) AS op(op)
                LOOP
                    -- Items and enrolments are only updated or deleted with their decisions gone first.
                    CONTINUE WHEN t.table_name IN ('evidence_items', 'enrolments') AND t.op <> 'update';
                    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT
                                    EXECUTE FUNCTION qa_decision_sources_changed(%L, %L)',
                        t.table_name || '_qa_' || t.op, upper(t.op), t.table_name,
                        CASE t.op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                                  ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                        t.changed_row, t.matters);
                END LOOP;
            END $$;

            SELECT refresh_qa_decisions(ARRAY(SELECT id FROM assessment_reviews WHERE returned_at IS NOT NULL),
                                        ARRAY(SELECT id FROM element_signoffs));
            ANALYZE qa_decisions, qa_coverage;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DO $$
            DECLARE
                t record;
            BEGIN
                FOR t IN SELECT tgname, tgrelid::regclass AS rel FROM pg_trigger WHERE tgname LIKE '%\_qa\_%' AND NOT tgisinternal
                LOOP
                    EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.rel);
                END LOOP;
            END $$;
            DROP FUNCTION qa_decision_sources_changed();
            DROP TABLE qa_coverage;
            DROP TABLE qa_decisions CASCADE;
            DROP FUNCTION qa_decisions_changed();
            DROP FUNCTION refresh_qa_decisions(bigint[], bigint[]);
            DROP FUNCTION qa_requirements(bigint, bigint, text, text[], text);
            DROP INDEX judgements_review;
            """);
    }
}
