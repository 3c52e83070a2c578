using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// The audit trail stops holding copies of texts. Rows written before this kept whole texts (evidence, quotes,
/// comments, feedback) in before/after; each such text becomes its length and SHA-256, and a saved draft's row names
/// the revision it concerns. The trail is append-only by trigger, so the trigger is switched off for this one
/// statement only, inside this migration's transaction: ALTER TABLE holds an exclusive lock on the table until commit,
/// so nothing else can write to it meanwhile, and a failure rolls the switch back with the rest.
/// </summary>
[Migration(202612071800)]
public sealed class M202612071800_AuditWithoutTexts : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE OR REPLACE FUNCTION pg_temp.audit_text_facts(t jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN
                RETURN CASE jsonb_typeof(t)
                    WHEN 'string' THEN jsonb_build_object('chars', length(t #>> '{}'),
                        'sha256', encode(sha256(convert_to(t #>> '{}', 'UTF8')), 'hex'))
                    WHEN 'array' THEN (SELECT coalesce(jsonb_agg(pg_temp.audit_text_facts(x) ORDER BY n), '[]'::jsonb)
                                       FROM jsonb_array_elements(t) WITH ORDINALITY AS e(x, n))
                    ELSE t END;
            END $$;

            -- Replaces the named keys of an object that hold a text (or a list of texts) by their facts.
            CREATE OR REPLACE FUNCTION pg_temp.audit_scrub(j jsonb, keys text[]) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE k text;
            BEGIN
                IF j IS NULL OR jsonb_typeof(j) <> 'object' THEN
                    RETURN j;
                END IF;
                FOREACH k IN ARRAY keys LOOP
                    IF jsonb_typeof(j -> k) IN ('string', 'array') THEN
                        j := jsonb_set(j, ARRAY[k], pg_temp.audit_text_facts(j -> k));
                    END IF;
                END LOOP;
                RETURN j;
            END $$;

            ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;

            WITH texts (action, before_keys, after_keys) AS (VALUES
                ('evidence.saved', ARRAY['text', 'title'], ARRAY['text', 'title']),
                ('evidence.created', ARRAY[]::text[], ARRAY['title']),
                ('evidence.annotated', ARRAY[]::text[], ARRAY['quote', 'comment']),
                ('evidence.annotation-deleted', ARRAY['quote'], ARRAY[]::text[]),
                ('evidence.mapped', ARRAY[]::text[], ARRAY['rationale']),
                ('judgement.recorded', ARRAY['feedback'], ARRAY['feedback']),
                ('evidence.returned', ARRAY[]::text[], ARRAY['overallFeedback']),
                ('feedback.answered', ARRAY[]::text[], ARRAY['response']),
                ('qa-sample.recorded', ARRAY[]::text[], ARRAY['feedback', 'actions']),
                ('qa-action.completed', ARRAY[]::text[], ARRAY['action', 'note'])),
            scrubbed AS (
                SELECT a.id, pg_temp.audit_scrub(a.before, t.before_keys) AS before,
                       pg_temp.audit_scrub(a.after, t.after_keys)
                       || CASE WHEN a.action = 'evidence.saved' AND NOT a.after ? 'revisionId' THEN coalesce((
                              -- The draft a save wrote to: the item's newest revision made before the save.
                              SELECT jsonb_build_object('revisionId', r.id, 'revisionNumber', r.number)
                              FROM evidence_revisions r
                              WHERE r.item_id = a.subject_id AND r.created_at <= a.occurred_at
                              ORDER BY r.number DESC LIMIT 1), '{}'::jsonb)
                          ELSE '{}'::jsonb END AS after
                FROM audit_events a JOIN texts t ON t.action = a.action)
            UPDATE audit_events a SET before = s.before, after = s.after
            FROM scrubbed s
            WHERE s.id = a.id AND (s.before IS DISTINCT FROM a.before OR s.after IS DISTINCT FROM a.after);

            ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
            DROP FUNCTION pg_temp.audit_scrub(jsonb, text[]);
            DROP FUNCTION pg_temp.audit_text_facts(jsonb);
            """);
    }

    // The texts are gone for good: there is nothing to put back.
    public override void Down()
    {
    }
}
