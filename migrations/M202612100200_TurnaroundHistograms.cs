using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// The cohort page's median days from submission to feedback per assessor, read from counts the database keeps instead
/// of from every enrolment's <c>enrolment_progress.feedback_days</c>: how many pieces of feedback each assessor of a
/// qualification returned after each whole day (<c>turnaround_days</c>) and after each hundredth of a day
/// (<c>turnaround_hundredths</c>). A median then reads the days (tens of rows an assessor) and the hundredths of the
/// one or two days that hold the middle (at most a hundred rows each), whatever the centre's size.
/// The counts follow <c>enrolment_progress</c>, which the writes already keep: each progress row carries the centre,
/// qualification and assessor its days are counted under, and a statement-level trigger on it moves the counts by the
/// difference (the days of a changed row under its old key out, under its new key in), so a returned review, a
/// reassignment, a move to another rubric version or a deleted enrolment each move a few counters, in the same
/// transaction. The progress row also carries its candidate's and assessor's names, kept equal to <c>people</c> by the
/// same triggers, so the cohort page can read one page of rows in name, assessor or progress order from an index
/// (migration M202612100201).
/// </summary>
[Migration(202612100200)]
public sealed class M202612100200_TurnaroundHistograms : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE turnaround_days (
                centre_id         bigint NOT NULL,
                qualification_id  bigint NOT NULL,
                assessor_id       bigint NOT NULL,
                day               int NOT NULL,
                returned          int NOT NULL,
                PRIMARY KEY (centre_id, qualification_id, assessor_id, day)
            );
            CREATE TABLE turnaround_hundredths (
                centre_id         bigint NOT NULL,
                qualification_id  bigint NOT NULL,
                assessor_id       bigint NOT NULL,
                hundredths        int NOT NULL,
                returned          int NOT NULL,
                PRIMARY KEY (centre_id, qualification_id, assessor_id, hundredths)
            );

            -- Where this enrolment's days are counted, and the names the cohort page sorts it by: the enrolment's own
            -- and its candidate's and assessor's (their first 200 characters: an index entry must stay small), set when
            -- the row is made and kept equal below (names follow people, so an erasure's new name reaches them in the
            -- same statement).
            ALTER TABLE enrolment_progress ADD COLUMN centre_id bigint, ADD COLUMN qualification_id bigint,
                ADD COLUMN assessor_id bigint, ADD COLUMN candidate_sort_name text, ADD COLUMN assessor_sort_name text;
            UPDATE enrolment_progress p SET centre_id = e.centre_id, qualification_id = e.qualification_id,
                                            assessor_id = e.assessor_id, candidate_sort_name = left(c.display_name, 200),
                                            assessor_sort_name = left(a.display_name, 200)
            FROM enrolments e JOIN people c ON c.id = e.candidate_id LEFT JOIN people a ON a.id = e.assessor_id
            WHERE e.id = p.enrolment_id;

            -- Adds sign × one count per day value under each key; counters that reach zero go. Rows are locked in key
            -- order, so two writers never wait for each other in opposite orders.
            CREATE FUNCTION count_turnaround(centres bigint[], qualifications bigint[], assessors bigint[],
                                             days double precision[], signs int[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(cardinality(days), 0) = 0 THEN
                    RETURN;
                END IF;
                WITH delta AS (
                    SELECT c AS centre_id, q AS qualification_id, a AS assessor_id, round(d * 100)::int AS hundredths,
                           sum(s)::int AS returned
                    FROM unnest(centres, qualifications, assessors, days, signs) AS x(c, q, a, d, s)
                    WHERE a IS NOT NULL
                    GROUP BY 1, 2, 3, 4 HAVING sum(s) <> 0),
                hundredths AS (
                    INSERT INTO turnaround_hundredths AS t
                        (centre_id, qualification_id, assessor_id, hundredths, returned)
                    SELECT * FROM delta ORDER BY 1, 2, 3, 4
                    ON CONFLICT (centre_id, qualification_id, assessor_id, hundredths)
                    DO UPDATE SET returned = t.returned + excluded.returned)
                INSERT INTO turnaround_days AS t (centre_id, qualification_id, assessor_id, day, returned)
                SELECT centre_id, qualification_id, assessor_id, floor(hundredths / 100.0)::int, sum(returned)::int
                FROM delta GROUP BY 1, 2, 3, 4 HAVING sum(returned) <> 0 ORDER BY 1, 2, 3, 4
                ON CONFLICT (centre_id, qualification_id, assessor_id, day)
                DO UPDATE SET returned = t.returned + excluded.returned;

                DELETE FROM turnaround_hundredths t
                WHERE t.returned = 0 AND (t.centre_id, t.qualification_id, t.assessor_id, t.hundredths) IN (
                    SELECT c, q, a, round(d * 100)::int
                    FROM unnest(centres, qualifications, assessors, days) AS x(c, q, a, d));
                DELETE FROM turnaround_days t
                WHERE t.returned = 0 AND (t.centre_id, t.qualification_id, t.assessor_id, t.day) IN (
                    SELECT c, q, a, floor(round(d * 100) / 100.0)::int
                    FROM unnest(centres, qualifications, assessors, days) AS x(c, q, a, d));
            END $$;

            CREATE FUNCTION turnaround_progress_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                c bigint[]; q bigint[]; a bigint[]; d double precision[]; s int[];
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(n.centre_id), array_agg(n.qualification_id), array_agg(n.assessor_id),
                           array_agg(x.day), array_agg(1)
                    INTO c, q, a, d, s FROM new_rows n CROSS JOIN LATERAL unnest(n.feedback_days) x(day);
                ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(o.centre_id), array_agg(o.qualification_id), array_agg(o.assessor_id),
                           array_agg(x.day), array_agg(-1)
                    INTO c, q, a, d, s FROM old_rows o CROSS JOIN LATERAL unnest(o.feedback_days) x(day);
                ELSE
                    -- Most updates change what is claimed and met, not the days or where they count: those add
                    -- nothing.
                    WITH changed AS (
                        SELECT n.centre_id, n.qualification_id, n.assessor_id, n.feedback_days, 1 AS sign
                        FROM new_rows n JOIN old_rows o ON o.enrolment_id = n.enrolment_id
                        WHERE (n.feedback_days, n.centre_id, n.qualification_id, n.assessor_id)
                              IS DISTINCT FROM (o.feedback_days, o.centre_id, o.qualification_id, o.assessor_id)
                        UNION ALL
                        SELECT o.centre_id, o.qualification_id, o.assessor_id, o.feedback_days, -1
                        FROM new_rows n JOIN old_rows o ON o.enrolment_id = n.enrolment_id
                        WHERE (n.feedback_days, n.centre_id, n.qualification_id, n.assessor_id)
                              IS DISTINCT FROM (o.feedback_days, o.centre_id, o.qualification_id, o.assessor_id))
                    SELECT array_agg(ch.centre_id), array_agg(ch.qualification_id), array_agg(ch.assessor_id),
                           array_agg(x.day), array_agg(ch.sign)
                    INTO c, q, a, d, s FROM changed ch CROSS JOIN LATERAL unnest(ch.feedback_days) x(day);
                END IF;
                PERFORM count_turnaround(c, q, a, d, s);
                RETURN NULL;
            END $$;

            -- A progress row is made (refresh_enrolment_progress) for an enrolment that exists: it takes its key and
            -- names.
            CREATE FUNCTION enrolment_progress_key() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                SELECT e.centre_id, e.qualification_id, e.assessor_id, left(c.display_name, 200), left(a.display_name, 200)
                INTO NEW.centre_id, NEW.qualification_id, NEW.assessor_id, NEW.candidate_sort_name, NEW.assessor_sort_name
                FROM enrolments e JOIN people c ON c.id = e.candidate_id LEFT JOIN people a ON a.id = e.assessor_id
                WHERE e.id = NEW.enrolment_id;
                RETURN NEW;
            END $$;

            -- An enrolment given another assessor, qualification or centre takes its days with it (whichever of this
            -- and the progress recomputation runs first, the counts end the same).
            CREATE FUNCTION turnaround_enrolments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE enrolment_progress p
                SET centre_id = n.centre_id, qualification_id = n.qualification_id, assessor_id = n.assessor_id,
                    candidate_sort_name = left(c.display_name, 200), assessor_sort_name = left(a.display_name, 200)
                FROM new_rows n JOIN people c ON c.id = n.candidate_id LEFT JOIN people a ON a.id = n.assessor_id
                WHERE p.enrolment_id = n.id
                  AND (p.centre_id, p.qualification_id, p.assessor_id, p.candidate_sort_name, p.assessor_sort_name)
                      IS DISTINCT FROM (n.centre_id, n.qualification_id, n.assessor_id, left(c.display_name, 200),
                                        left(a.display_name, 200));
                RETURN NULL;
            END $$;

            -- A person renamed (or erased) is renamed on the progress rows of the enrolments they are candidate or
            -- assessor of, after the same lock, taken first, as refresh_enrolment_progress and touch_enrolments.
            CREATE FUNCTION enrolment_progress_people_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                ids bigint[];
            BEGIN
                SELECT array_agg(DISTINCT x.id) INTO ids FROM (
                    SELECT e.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                    JOIN enrolments e ON e.candidate_id = n.id
                    WHERE n.display_name IS DISTINCT FROM o.display_name
                    UNION ALL
                    SELECT e.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                    JOIN enrolments e ON e.assessor_id = n.id
                    WHERE n.display_name IS DISTINCT FROM o.display_name) x;
                IF ids IS NULL THEN
                    RETURN NULL;
                END IF;
                PERFORM 1 FROM enrolments WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
                UPDATE enrolment_progress p
                SET candidate_sort_name = left(c.display_name, 200), assessor_sort_name = left(a.display_name, 200)
                FROM enrolments e JOIN people c ON c.id = e.candidate_id LEFT JOIN people a ON a.id = e.assessor_id
                WHERE e.id = ANY(ids) AND p.enrolment_id = e.id;
                RETURN NULL;
            END $$;

            INSERT INTO turnaround_hundredths (centre_id, qualification_id, assessor_id, hundredths, returned)
            SELECT p.centre_id, p.qualification_id, p.assessor_id, round(x.day * 100)::int, count(*)
            FROM enrolment_progress p CROSS JOIN LATERAL unnest(p.feedback_days) x(day)
            WHERE p.assessor_id IS NOT NULL
            GROUP BY 1, 2, 3, 4;
            INSERT INTO turnaround_days (centre_id, qualification_id, assessor_id, day, returned)
            SELECT centre_id, qualification_id, assessor_id, floor(hundredths / 100.0)::int, sum(returned)
            FROM turnaround_hundredths GROUP BY 1, 2, 3, 4;

            CREATE TRIGGER enrolment_progress_key BEFORE INSERT ON enrolment_progress
                FOR EACH ROW EXECUTE FUNCTION enrolment_progress_key();
            CREATE TRIGGER enrolment_progress_turnaround_insert AFTER INSERT ON enrolment_progress
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION turnaround_progress_changed();
            CREATE TRIGGER enrolment_progress_turnaround_update AFTER UPDATE ON enrolment_progress
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION turnaround_progress_changed();
            CREATE TRIGGER enrolment_progress_turnaround_delete AFTER DELETE ON enrolment_progress
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION turnaround_progress_changed();
            CREATE TRIGGER enrolments_turnaround_update AFTER UPDATE ON enrolments
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION turnaround_enrolments_changed();
            CREATE TRIGGER people_enrolment_progress_names AFTER UPDATE ON people
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION enrolment_progress_people_renamed();
            ANALYZE turnaround_days, turnaround_hundredths;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TRIGGER people_enrolment_progress_names ON people;
            DROP TRIGGER enrolments_turnaround_update ON enrolments;
            DROP TRIGGER enrolment_progress_turnaround_delete ON enrolment_progress;
            DROP TRIGGER enrolment_progress_turnaround_update ON enrolment_progress;
            DROP TRIGGER enrolment_progress_turnaround_insert ON enrolment_progress;
            DROP TRIGGER enrolment_progress_key ON enrolment_progress;
            DROP FUNCTION enrolment_progress_people_renamed();
            DROP FUNCTION turnaround_enrolments_changed();
            DROP FUNCTION enrolment_progress_key();
            DROP FUNCTION turnaround_progress_changed();
            DROP FUNCTION count_turnaround(bigint[], bigint[], bigint[], double precision[], int[]);
            ALTER TABLE enrolment_progress DROP COLUMN centre_id, DROP COLUMN qualification_id, DROP COLUMN assessor_id,
                DROP COLUMN candidate_sort_name, DROP COLUMN assessor_sort_name;
            DROP TABLE turnaround_hundredths;
            DROP TABLE turnaround_days;
            """);
    }
}
