using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Retention and erasure: each centre's retention policy, legal holds on a person or an enrolment, the list of
/// candidates whose portfolios have passed their keeping date, the minimal achievement record kept after disposal,
/// and a record of every erasure (an erasure request or a disposal). The append-only audit trail, submitted revisions and
/// sampled snapshots stay closed to every change except one: a transaction that has recorded an erasure may replace their
/// personal content with the erasure mark, leaving the event, its time, actor and subject as they were.
/// </summary>
[Migration(202612071830)]
public sealed class M202612071830_RetentionAndErasure : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE people ADD COLUMN erased_at timestamptz, ADD COLUMN deactivated_at timestamptz;
            UPDATE people SET deactivated_at = now() WHERE NOT active;

            -- When a person stopped being able to sign in: the start of the "after withdrawal" keeping period.
            CREATE FUNCTION people_deactivated_at() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.deactivated_at := CASE WHEN NEW.active THEN NULL ELSE coalesce(OLD.deactivated_at, now()) END;
                RETURN NEW;
            END $$;
            CREATE TRIGGER people_deactivated_at BEFORE UPDATE OF active ON people FOR EACH ROW
                WHEN (OLD.active IS DISTINCT FROM NEW.active) EXECUTE FUNCTION people_deactivated_at();

            CREATE TABLE retention_policies (
                centre_id                  bigint PRIMARY KEY REFERENCES centres(id),
                years_after_certification  int NOT NULL DEFAULT 3 CHECK (years_after_certification BETWEEN 1 AND 100),
                years_after_withdrawal     int NOT NULL DEFAULT 3 CHECK (years_after_withdrawal BETWEEN 1 AND 100),
                years_after_inactivity     int NOT NULL DEFAULT 3 CHECK (years_after_inactivity BETWEEN 1 AND 100),
                automatic_disposal         boolean NOT NULL DEFAULT false,
                updated_at                 timestamptz NOT NULL DEFAULT now(),
                updated_by                 bigint REFERENCES people(id)
            );

            CREATE TABLE legal_holds (
                id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id       bigint NOT NULL REFERENCES centres(id),
                person_id       bigint REFERENCES people(id),
                enrolment_id    bigint REFERENCES enrolments(id),
                reason          text NOT NULL CHECK (length(trim(reason)) > 0),
                placed_by       bigint NOT NULL REFERENCES people(id),
                placed_at       timestamptz NOT NULL DEFAULT now(),
                released_at     timestamptz,
                released_by     bigint REFERENCES people(id),
                release_reason  text,
                CHECK ((person_id IS NULL) <> (enrolment_id IS NULL)),
                CHECK ((released_at IS NULL) = (release_reason IS NULL))
            );
            CREATE INDEX legal_holds_person ON legal_holds (person_id) WHERE released_at IS NULL;
            CREATE INDEX legal_holds_enrolment ON legal_holds (enrolment_id) WHERE released_at IS NULL;

            -- Written by the daily retention check: candidates whose every enrolment has passed its keeping date.
            CREATE TABLE disposals_due (
                candidate_id  bigint PRIMARY KEY REFERENCES people(id),
                centre_id     bigint NOT NULL REFERENCES centres(id),
                basis         text NOT NULL CHECK (basis IN ('certification', 'withdrawal', 'inactivity')),
                due_at        timestamptz NOT NULL,
                listed_at     timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX disposals_due_centre ON disposals_due (centre_id, due_at);

            -- What a centre keeps after disposing of a portfolio: who achieved what, when, judged and checked by whom.
            CREATE TABLE achievement_records (
                id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id            bigint NOT NULL REFERENCES centres(id),
                enrolment_id         bigint NOT NULL UNIQUE,
                candidate_name       text NOT NULL,
                qualification_code   text NOT NULL,
                qualification_title  text NOT NULL,
                rubric_version       int NOT NULL,
                enrolled_at          timestamptz NOT NULL,
                certified_at         timestamptz,
                assessor_name        text,
                iqa_name             text,
                elements             jsonb NOT NULL,
                disposed_at          timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX achievement_records_centre ON achievement_records (centre_id, candidate_name);

            -- One row per person erased, by request or by disposal; the transaction that writes it may mark audit rows.
            CREATE TABLE erasures (
                id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id        bigint NOT NULL REFERENCES centres(id),
                person_id        bigint NOT NULL UNIQUE REFERENCES people(id),
                kind             text NOT NULL CHECK (kind IN ('request', 'disposal')),
                reason           text NOT NULL CHECK (length(trim(reason)) > 0),
                override_reason  text,
                requested_by     bigint REFERENCES people(id),
                erased_at        timestamptz NOT NULL DEFAULT now(),
                transaction_id   xid8 NOT NULL DEFAULT pg_current_xact_id()
            );

            CREATE FUNCTION erasing_now() RETURNS boolean LANGUAGE sql STABLE AS $$
                SELECT EXISTS (SELECT 1 FROM erasures WHERE transaction_id = pg_current_xact_id_if_assigned())
            $$;

            -- A sampled decision's snapshot without its personal content: texts, files, annotations and feedback go; the
            -- outcomes, codes and dates stay. The assessor's name goes too when the assessor is the person erased.
            CREATE FUNCTION erased_snapshot(s jsonb, erase_assessor boolean) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE
                    WHEN jsonb_typeof(s->'review') = 'object' THEN jsonb_set(s, '{review}', (s->'review') || jsonb_build_object(
                        'title', 'Erased evidence',
                        'revision', coalesce(s->'review'->'revision', '{}') || '{"text": "", "content": "{}"}',
                        'files', '[]'::jsonb,
                        'annotations', '[]'::jsonb,
                        'mappings', coalesce((SELECT jsonb_agg(m || '{"rationale": ""}')
                                              FROM jsonb_array_elements(s->'review'->'mappings') m), '[]'),
                        'review', coalesce(s->'review'->'review', '{}') || '{"overallFeedback": "", "candidateResponse": null}'
                                  || CASE WHEN erase_assessor THEN '{"assessorName": "Erased person"}' ELSE '{}' END::jsonb,
                        'judgements', coalesce((SELECT jsonb_agg(j || '{"feedback": ""}'
                                  || CASE WHEN erase_assessor THEN '{"assessorName": "Erased person"}' ELSE '{}' END::jsonb)
                                              FROM jsonb_array_elements(s->'review'->'judgements') j), '[]')))
                    WHEN jsonb_typeof(s->'signOff') = 'object' THEN jsonb_set(s, '{signOff}', (s->'signOff') || jsonb_build_object(
                        'points', coalesce((SELECT jsonb_agg(p || '{"feedback": "", "itemTitle": null}')
                                            FROM jsonb_array_elements(s->'signOff'->'points') p), '[]'))
                        || CASE WHEN erase_assessor THEN '{"assessorName": "Erased person"}' ELSE '{}' END::jsonb)
                    ELSE s END
            $$;

            -- Still append-only; the one exception replaces before, after and the address with the erasure mark.
            CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND erasing_now()
                   AND to_jsonb(NEW) - ARRAY['before', 'after', 'remote_address']
                       = to_jsonb(OLD) - ARRAY['before', 'after', 'remote_address']
                   AND (NEW.before IS NULL OR NEW.before = '{"erased": true}')
                   AND (NEW.after IS NULL OR NEW.after = '{"erased": true}')
                   AND NEW.remote_address IS NULL THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$;

            CREATE OR REPLACE FUNCTION evidence_revisions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.submitted_at IS NOT NULL AND NOT (TG_OP = 'UPDATE' AND erasing_now()
                    AND NEW.text = '' AND NEW.content = '{}'::jsonb AND NEW.submitted_at = OLD.submitted_at) THEN
                    RAISE EXCEPTION 'revision % of item % was submitted and cannot be changed', OLD.number, OLD.item_id
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
            END $$;

            CREATE OR REPLACE FUNCTION qa_samples_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.snapshot IS DISTINCT FROM OLD.snapshot AND NOT erasing_now() THEN
                    RAISE EXCEPTION 'the snapshot of sample % cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            CREATE OR REPLACE FUNCTION qa_samples_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.snapshot IS DISTINCT FROM OLD.snapshot THEN
                    RAISE EXCEPTION 'the snapshot of sample % cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$;
            CREATE OR REPLACE FUNCTION evidence_revisions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.submitted_at IS NOT NULL THEN
                    RAISE EXCEPTION 'revision % of item % was submitted and cannot be changed', OLD.number, OLD.item_id
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
            END $$;
            CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$;
            DROP FUNCTION erased_snapshot(jsonb, boolean);
            DROP FUNCTION erasing_now();
            DROP TABLE erasures;
            DROP TABLE achievement_records;
            DROP TABLE disposals_due;
            DROP TABLE legal_holds;
            DROP TABLE retention_policies;
            DROP TRIGGER people_deactivated_at ON people;
            DROP FUNCTION people_deactivated_at();
            ALTER TABLE people DROP COLUMN deactivated_at, DROP COLUMN erased_at;
            """);
    }
}
