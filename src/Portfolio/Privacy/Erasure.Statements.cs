namespace Portfolio.Privacy;

/// <summary>The statements of an erasure, run in this order inside one transaction (see <see cref="PersonalData"/>).</summary>
public sealed partial class Erasure
{
    // Recorded first: the database lets only a transaction that has recorded an erasure mark audit rows, submitted
    // revisions and sampled snapshots as erased (migration M202612071830). One row per person: never erased twice.
    const string RecordSql = """
        INSERT INTO erasures (centre_id, person_id, kind, reason, override_reason, requested_by)
        VALUES (@centreId, @personId, @kind, @reason, @overrideReason, @actorId);
        DELETE FROM disposals_due WHERE candidate_id = @personId;
        """;

    // Every file of the person's evidence and annotations, before their rows go.
    const string FilesSql = """
        SELECT sha256 FROM evidence_files WHERE candidate_id = @personId
        UNION
        SELECT a.file_sha256 FROM annotations a JOIN evidence_items i ON i.id = a.item_id
        WHERE i.candidate_id = @personId AND a.file_sha256 IS NOT NULL
        """;

    const string EvidenceSql = """
        UPDATE evidence_items SET title = 'Erased evidence' WHERE candidate_id = @personId AND title <> 'Erased evidence';
        UPDATE evidence_revisions r SET text = '', content = '{}'
        FROM evidence_items i WHERE i.id = r.item_id AND i.candidate_id = @personId AND (r.text <> '' OR r.content <> '{}');
        DELETE FROM evidence_files WHERE candidate_id = @personId;
        DELETE FROM witness_requests WHERE item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId);
        UPDATE annotations a SET quote_exact = CASE WHEN a.quote_exact IS NULL THEN NULL ELSE '' END,
               quote_prefix = NULL, quote_suffix = NULL, comment = '', file_sha256 = NULL
        FROM evidence_items i WHERE i.id = a.item_id AND i.candidate_id = @personId;
        UPDATE annotations SET comment = '' WHERE created_by = @personId AND comment <> '';
        UPDATE mappings m SET rationale = ''
        WHERE m.rationale <> ''
          AND (m.created_by = @personId OR m.item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId));
        DELETE FROM suggestion_runs WHERE item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId);
        """;

    const string FeedbackSql = """
        UPDATE assessment_reviews r SET overall_feedback = '',
               candidate_response = CASE WHEN r.candidate_response IS NULL THEN NULL ELSE '' END
        WHERE r.assessor_id = @personId OR r.revision_id IN (
            SELECT v.id FROM evidence_revisions v JOIN evidence_items i ON i.id = v.item_id WHERE i.candidate_id = @personId);
        UPDATE judgements SET feedback = ''
        WHERE feedback <> '' AND (assessor_id = @personId
            OR item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId));
        UPDATE element_signoffs SET reopen_reason = 'Erased'
        WHERE reopen_reason IS NOT NULL AND reopen_reason <> 'Erased' AND (assessor_id = @personId OR reopened_by = @personId
            OR enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId));
        UPDATE qa_samples SET snapshot = CASE WHEN candidate_id = @personId OR assessor_id = @personId
                                   THEN erased_snapshot(snapshot, assessor_id = @personId) ELSE snapshot END,
               feedback = CASE WHEN feedback IS NULL THEN NULL ELSE '' END
        WHERE candidate_id = @personId OR assessor_id = @personId OR recorded_by = @personId;
        UPDATE qa_sample_actions SET text = 'Erased', completion_note = CASE WHEN completion_note IS NULL THEN NULL ELSE '' END
        WHERE sample_id IN (SELECT id FROM qa_samples
                            WHERE candidate_id = @personId OR assessor_id = @personId OR recorded_by = @personId);
        DELETE FROM notifications
        WHERE person_id = @personId
           OR (centre_id = @centreId AND (strpos(text, @name) > 0
               OR link IN (SELECT '/Assess/Review?id=' || id FROM evidence_items WHERE candidate_id = @personId)));
        """;

    // Email to the person or naming them goes, sent or waiting (and events waiting for a digest), with their links to
    // choose a password and their email choices; their learning log keeps its dates, minutes and categories, not what
    // they wrote or the comments on it.
    const string MailAndHoursSql = """
        DELETE FROM outbound_mail
        WHERE person_id = @personId OR lower(to_address) = lower(@email)
           OR (centre_id = @centreId AND (strpos(body, @name) > 0 OR strpos(subject, @name) > 0
                                          OR strpos(coalesce(items::text, ''), @name) > 0));
        DELETE FROM person_links WHERE person_id = @personId;
        DELETE FROM notification_settings WHERE person_id = @personId;
        DELETE FROM digest_items
        WHERE person_id = @personId OR (centre_id = @centreId AND strpos(body, @name) > 0);
        UPDATE learning_hours SET learned = '', comment = CASE WHEN comment IS NULL THEN NULL ELSE '' END
        WHERE enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId)
           OR (decided_by = @personId AND comment IS NOT NULL);
        UPDATE learning_plans SET prior_learning_reason = 'Erased'
        WHERE prior_learning_reason IS NOT NULL
          AND enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId);
        """;

    // The events stay (what happened, when, to which subject, by whom); what they said goes.
    const string AuditSql = """
        WITH items AS (SELECT id FROM evidence_items WHERE candidate_id = @personId),
             enrolled AS (SELECT id FROM enrolments WHERE candidate_id = @personId),
             sampled AS (SELECT id FROM qa_samples WHERE candidate_id = @personId)
        UPDATE audit_events a
        SET before = CASE WHEN a.before IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END,
            after = CASE WHEN a.after IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END,
            remote_address = NULL
        WHERE (a.centre_id = @centreId OR a.centre_id IS NULL)
          AND (a.actor_id = @personId
            OR (a.subject_type = 'person' AND a.subject_id = @personId)
            OR (a.subject_type = 'evidence_item' AND a.subject_id IN (SELECT id FROM items))
            OR (a.subject_type = 'enrolment' AND a.subject_id IN (SELECT id FROM enrolled))
            OR (a.subject_type = 'qa_sample' AND a.subject_id IN (SELECT id FROM sampled))
            OR (a.subject_type = 'mapping'
                AND coalesce(a.after->>'itemId', a.before->>'itemId')::bigint IN (SELECT id FROM items))
            OR (a.centre_id IS NULL AND a.after->>'email' = @email))
          AND (a.before IS DISTINCT FROM CASE WHEN a.before IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END
            OR a.after IS DISTINCT FROM CASE WHEN a.after IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END
            OR a.remote_address IS NOT NULL)
        """;

    // Sessions end (every node hears of it at once through the session notices) and the person row keeps only its id
    // and roles. Every enrolment the person is part of moves its page version, so no kept page shows the old text.
    const string PersonSqlErase = """
        UPDATE sign_in_sessions SET ended_at = coalesce(ended_at, now()), remote_address = NULL WHERE person_id = @personId;
        UPDATE people SET display_name = 'Erased person ' || id, email = 'erased-' || id || '@erased.invalid',
               password_hash = '', active = false, failed_sign_ins = 0, locked_until = NULL, erased_at = now()
        WHERE id = @personId;
        SELECT touch_enrolments(ARRAY(SELECT id FROM enrolments
                                      WHERE candidate_id = @personId OR assessor_id = @personId OR iqa_id = @personId));
        """;

    // Stored files the erasure left without any row referring to them; another person's upload of the same content
    // keeps its file.
    const string UnreferencedFilesSql = """
        DELETE FROM stored_files s
        WHERE s.sha256 = ANY(@hashes)
          AND NOT EXISTS (SELECT 1 FROM evidence_files f WHERE f.sha256 = s.sha256)
          AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.file_sha256 = s.sha256)
        RETURNING s.sha256
        """;
}
