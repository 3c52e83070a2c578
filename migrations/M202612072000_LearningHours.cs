using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Learning hours (off-the-job training, guided learning): the hours a qualification's rubric names, a plan per
/// enrolment, the candidate's log of activities with the assessor's confirmation or query, and a summary row per
/// enrolment of the minutes logged, counted and confirmed, kept by a statement-level trigger in the same transaction
/// as every write to the log, so caseload and cohort pages read one row per candidate. Changes to plans and entries
/// give the enrolment a new page version, as evidence does.
/// </summary>
[Migration(202612072000)]
public sealed class M202612072000_LearningHours : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE rubric_versions ADD COLUMN guided_learning_hours int, ADD COLUMN off_the_job_minimum_hours int;

            -- required_hours NULL: the hours come from the enrolment's rubric version.
            CREATE TABLE learning_plans (
                enrolment_id           bigint PRIMARY KEY REFERENCES enrolments(id),
                required_hours         int CHECK (required_hours BETWEEN 1 AND 10000),
                start_date             date NOT NULL,
                planned_end_date       date NOT NULL,
                weekly_hours           numeric(4,1) NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 80),
                prior_learning_hours   int NOT NULL DEFAULT 0 CHECK (prior_learning_hours >= 0),
                prior_learning_reason  text,
                updated_at             timestamptz NOT NULL DEFAULT now(),
                updated_by             bigint REFERENCES people(id),
                CHECK (planned_end_date > start_date),
                CHECK ((prior_learning_hours = 0) = (prior_learning_reason IS NULL))
            );

            CREATE TABLE learning_hours (
                id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                enrolment_id   bigint NOT NULL REFERENCES enrolments(id),
                activity_date  date NOT NULL,
                minutes        int NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
                category       text NOT NULL,
                counts         boolean NOT NULL,
                learned        text NOT NULL,
                item_ids       bigint[] NOT NULL DEFAULT '{}',
                point_codes    text[] NOT NULL DEFAULT '{}',
                status         text NOT NULL DEFAULT 'logged' CHECK (status IN ('logged', 'confirmed', 'queried')),
                comment        text,
                decided_by     bigint REFERENCES people(id),
                decided_at     timestamptz,
                created_at     timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX learning_hours_enrolment ON learning_hours (enrolment_id, activity_date DESC, id DESC);

            CREATE TABLE learning_hours_totals (
                enrolment_id        bigint PRIMARY KEY,
                logged_minutes      bigint NOT NULL,
                confirmed_minutes   bigint NOT NULL,
                not_counted_minutes bigint NOT NULL,
                to_confirm          int NOT NULL,
                queried             int NOT NULL
            );

            CREATE FUNCTION refresh_learning_hours_totals() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(DISTINCT enrolment_id) INTO ids FROM new_rows;
                ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(DISTINCT enrolment_id) INTO ids FROM old_rows;
                ELSE
                    SELECT array_agg(DISTINCT enrolment_id) INTO ids
                    FROM (SELECT enrolment_id FROM old_rows UNION ALL SELECT enrolment_id FROM new_rows) x;
                END IF;
                IF ids IS NULL THEN
                    RETURN NULL;
                END IF;
                -- Writers of one enrolment take turns; each sum then sees the entries committed before it.
                PERFORM 1 FROM enrolments WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
                INSERT INTO learning_hours_totals
                    (enrolment_id, logged_minutes, confirmed_minutes, not_counted_minutes, to_confirm, queried)
                SELECT e.id,
                       coalesce(sum(h.minutes) FILTER (WHERE h.counts AND h.status <> 'queried'), 0),
                       coalesce(sum(h.minutes) FILTER (WHERE h.counts AND h.status = 'confirmed'), 0),
                       coalesce(sum(h.minutes) FILTER (WHERE NOT h.counts), 0),
                       count(h.id) FILTER (WHERE h.status = 'logged')::int,
                       count(h.id) FILTER (WHERE h.status = 'queried')::int
                FROM unnest(ids) e(id) LEFT JOIN learning_hours h ON h.enrolment_id = e.id
                GROUP BY e.id
                ON CONFLICT (enrolment_id) DO UPDATE SET logged_minutes = excluded.logged_minutes,
                    confirmed_minutes = excluded.confirmed_minutes, not_counted_minutes = excluded.not_counted_minutes,
                    to_confirm = excluded.to_confirm, queried = excluded.queried;
                RETURN NULL;
            END $$;
            CREATE TRIGGER learning_hours_totals_insert AFTER INSERT ON learning_hours REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION refresh_learning_hours_totals();
            CREATE TRIGGER learning_hours_totals_update AFTER UPDATE ON learning_hours
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION refresh_learning_hours_totals();
            CREATE TRIGGER learning_hours_totals_delete AFTER DELETE ON learning_hours REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION refresh_learning_hours_totals();

            DO $$
            DECLARE
                t text;
                op text;
            BEGIN
                FOREACH t IN ARRAY ARRAY['learning_plans', 'learning_hours'] LOOP
                    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
                        EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT '
                            'EXECUTE FUNCTION touch_enrolments_of_changed_rows(%L)',
                            t || '_touch_' || op, upper(op), t,
                            CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows'
                                    WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                                    ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                            'SELECT array_agg(DISTINCT c.enrolment_id) FROM %s c');
                    END LOOP;
                END LOOP;
            END $$;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE learning_hours_totals;
            DROP TABLE learning_hours;
            DROP FUNCTION refresh_learning_hours_totals();
            DROP TABLE learning_plans;
            ALTER TABLE rubric_versions DROP COLUMN guided_learning_hours, DROP COLUMN off_the_job_minimum_hours;
            """);
    }
}
