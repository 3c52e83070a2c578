using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Quality assurance: IQA sampling plans per qualification and assessor, samples of assessment decisions with a frozen
/// snapshot of what was sampled, the IQA's outcome with action points, and external quality assurers' time-boxed access.
/// </summary>
[Migration(202611230500)]
public sealed class M202611230500_CreateQualityAssurance : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            -- What a centre's IQA must cover for one qualification.
            CREATE TABLE sampling_plans (
                id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id             bigint NOT NULL REFERENCES centres(id),
                qualification_id      bigint NOT NULL UNIQUE REFERENCES qualifications(id),
                cover_candidates      boolean NOT NULL DEFAULT true,
                cover_methods         boolean NOT NULL DEFAULT true,
                cover_elements        boolean NOT NULL DEFAULT true,
                cover_decision_types  boolean NOT NULL DEFAULT true,
                updated_at            timestamptz NOT NULL DEFAULT now(),
                updated_by            bigint REFERENCES people(id)
            );

            -- How much of one assessor's decisions to sample: higher for new or flagged assessors.
            CREATE TABLE sampling_plan_assessors (
                plan_id       bigint NOT NULL REFERENCES sampling_plans(id),
                assessor_id   bigint NOT NULL REFERENCES people(id),
                status        text NOT NULL CHECK (status IN ('new', 'flagged', 'established')),
                rate_percent  int NOT NULL CHECK (rate_percent BETWEEN 1 AND 100),
                PRIMARY KEY (plan_id, assessor_id)
            );

            -- One sampled assessment decision: a returned review (interim) or an element sign-off (summative).
            CREATE TABLE qa_samples (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id         bigint NOT NULL REFERENCES centres(id),
                qualification_id  bigint NOT NULL REFERENCES qualifications(id),
                enrolment_id      bigint NOT NULL REFERENCES enrolments(id),
                candidate_id      bigint NOT NULL REFERENCES people(id),
                assessor_id       bigint NOT NULL REFERENCES people(id),
                decision_type     text NOT NULL CHECK (decision_type IN ('interim', 'summative')),
                review_id         bigint UNIQUE REFERENCES assessment_reviews(id),
                signoff_id        bigint UNIQUE REFERENCES element_signoffs(id),
                item_id           bigint REFERENCES evidence_items(id),
                evidence_kind     text,
                element_codes     text[] NOT NULL,
                decided_at        timestamptz NOT NULL,
                snapshot          jsonb NOT NULL,
                sampled_by        bigint NOT NULL REFERENCES people(id),
                sampled_at        timestamptz NOT NULL DEFAULT now(),
                outcome           text CHECK (outcome IN ('agree', 'disagree')),
                feedback          text,
                recorded_by       bigint REFERENCES people(id),
                recorded_at       timestamptz,
                acknowledged_at   timestamptz,
                CHECK ((review_id IS NULL) <> (signoff_id IS NULL)),
                CHECK ((outcome IS NULL) = (recorded_at IS NULL))
            );
            CREATE INDEX qa_samples_centre ON qa_samples (centre_id, sampled_at);
            CREATE INDEX qa_samples_assessor ON qa_samples (assessor_id);

            -- The snapshot is what was sampled: it never changes after sampling.
            CREATE FUNCTION qa_samples_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.snapshot IS DISTINCT FROM OLD.snapshot THEN
                    RAISE EXCEPTION 'the snapshot of sample % cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER qa_samples_snapshot_frozen BEFORE UPDATE ON qa_samples FOR EACH ROW EXECUTE FUNCTION qa_samples_snapshot_frozen();

            CREATE TABLE qa_sample_actions (
                id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                sample_id        bigint NOT NULL REFERENCES qa_samples(id),
                position         int NOT NULL,
                text             text NOT NULL CHECK (length(trim(text)) > 0),
                completed_at     timestamptz,
                completion_note  text,
                UNIQUE (sample_id, position)
            );

            -- An external quality assurer's window on the centre: everything, or chosen samples.
            CREATE TABLE eqa_accesses (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id     bigint NOT NULL REFERENCES centres(id),
                eqa_id        bigint NOT NULL REFERENCES people(id),
                starts_at     timestamptz NOT NULL,
                ends_at       timestamptz NOT NULL,
                whole_centre  boolean NOT NULL,
                created_by    bigint NOT NULL REFERENCES people(id),
                created_at    timestamptz NOT NULL DEFAULT now(),
                revoked_at    timestamptz,
                revoked_by    bigint REFERENCES people(id),
                CHECK (ends_at > starts_at)
            );
            CREATE INDEX eqa_accesses_eqa ON eqa_accesses (eqa_id) WHERE revoked_at IS NULL;

            CREATE TABLE eqa_access_samples (
                access_id  bigint NOT NULL REFERENCES eqa_accesses(id),
                sample_id  bigint NOT NULL REFERENCES qa_samples(id),
                PRIMARY KEY (access_id, sample_id)
            );
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE eqa_access_samples;
            DROP TABLE eqa_accesses;
            DROP TABLE qa_sample_actions;
            DROP TABLE qa_samples;
            DROP FUNCTION qa_samples_snapshot_frozen();
            DROP TABLE sampling_plan_assessors;
            DROP TABLE sampling_plans;
            """);
    }
}
