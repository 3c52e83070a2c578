using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// A submitted revision and a quality-assurance snapshot never change, with two exceptions that each say so inside
/// their own transaction: a redaction may replace a passage of the text (set_config('portfolio.redacting', 'on', true),
/// M202612071801), and an erasure may empty the text and content (a row in erasures, M202612071830). Both migrations
/// replaced the same two functions; these are the two exceptions together.
/// </summary>
[Migration(202612072130)]
public sealed class M202612072130_FrozenRowsForRedactionAndErasure : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE OR REPLACE FUNCTION evidence_revisions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.submitted_at IS NOT NULL THEN
                    IF TG_OP = 'UPDATE' AND current_setting('portfolio.redacting', true) = 'on'
                       AND (NEW.id, NEW.item_id, NEW.number, NEW.created_at, NEW.submitted_at, NEW.anonymised_confirmed,
                            NEW.client_consent_declared, NEW.authenticity_declared)
                           IS NOT DISTINCT FROM (OLD.id, OLD.item_id, OLD.number, OLD.created_at, OLD.submitted_at,
                            OLD.anonymised_confirmed, OLD.client_consent_declared, OLD.authenticity_declared) THEN
                        RETURN NEW;
                    END IF;
                    IF TG_OP = 'UPDATE' AND erasing_now()
                       AND NEW.text = '' AND NEW.content = '{}'::jsonb AND NEW.submitted_at = OLD.submitted_at THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'revision % of item % was submitted and cannot be changed', OLD.number, OLD.item_id
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
            END $$;

            CREATE OR REPLACE FUNCTION qa_samples_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.snapshot IS DISTINCT FROM OLD.snapshot
                   AND coalesce(current_setting('portfolio.redacting', true), '') <> 'on' AND NOT erasing_now() THEN
                    RAISE EXCEPTION 'the snapshot of sample % cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$;
            """);
    }

    // The two exceptions cannot be taken apart again: going down leaves them as they are.
    public override void Down()
    {
    }
}
