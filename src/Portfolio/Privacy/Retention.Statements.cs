namespace Portfolio.Privacy;

/// <summary>The retention check and the achievement record, in SQL.</summary>
public sealed partial class Retention
{
    // Per enrolment: certified when every element of its rubric version has a live sign-off the candidate confirmed (the
    // last confirmation is the date); withdrawn when the candidate's account was deactivated; otherwise last active at
    // the latest of enrolment, evidence change and sign-in. A candidate is due once every enrolment of theirs is past its
    // date, and never while a legal hold on them or on one of their enrolments is in force.
    const string RefreshDueSql = """
        WITH policy AS (
            SELECT coalesce(max(years_after_certification), 3) AS yc, coalesce(max(years_after_withdrawal), 3) AS yw,
                   coalesce(max(years_after_inactivity), 3) AS yi
            FROM retention_policies WHERE centre_id = @centreId),
        enrolment_due AS (
            SELECT e.candidate_id, d.basis, d.due_at
            FROM enrolments e JOIN people p ON p.id = e.candidate_id AND p.erased_at IS NULL
            CROSS JOIN policy
            CROSS JOIN LATERAL (
                SELECT CASE WHEN count(*) > 0 AND count(*) = count(s.candidate_confirmed_at)
                            THEN max(s.candidate_confirmed_at) END AS certified_at
                FROM rubric_elements el
                LEFT JOIN element_signoffs s ON s.element_id = el.id AND s.enrolment_id = e.id AND s.reopened_at IS NULL
                WHERE el.rubric_version_id = e.rubric_version_id) c
            CROSS JOIN LATERAL (
                SELECT greatest(e.enrolled_at,
                                (SELECT max(i.updated_at) FROM evidence_items i WHERE i.enrolment_id = e.id),
                                (SELECT max(s.last_seen_at) FROM sign_in_sessions s WHERE s.person_id = e.candidate_id))
                       AS last_active) a
            CROSS JOIN LATERAL (
                SELECT CASE WHEN c.certified_at IS NOT NULL THEN 'certification'
                            WHEN p.deactivated_at IS NOT NULL THEN 'withdrawal' ELSE 'inactivity' END AS basis,
                       CASE WHEN c.certified_at IS NOT NULL THEN c.certified_at + make_interval(years => policy.yc)
                            WHEN p.deactivated_at IS NOT NULL THEN p.deactivated_at + make_interval(years => policy.yw)
                            ELSE a.last_active + make_interval(years => policy.yi) END AS due_at) d
            WHERE e.centre_id = @centreId)
        INSERT INTO disposals_due (candidate_id, centre_id, basis, due_at)
        SELECT DISTINCT ON (candidate_id) candidate_id, @centreId, basis, due_at
        FROM enrolment_due ed
        WHERE NOT EXISTS (SELECT 1 FROM enrolment_due later WHERE later.candidate_id = ed.candidate_id AND later.due_at > now())
          AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND (h.person_id = ed.candidate_id
                          OR h.enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = ed.candidate_id)))
        ORDER BY candidate_id, due_at DESC
        """;

    const string LockDueSql = """
        SELECT d.candidate_id, p.display_name AS candidate_name, d.basis, d.due_at
        FROM disposals_due d JOIN people p ON p.id = d.candidate_id
        WHERE d.candidate_id = @candidateId AND d.centre_id = @centreId AND d.due_at <= now()
        FOR UPDATE OF d
        """;

    // The record a centre keeps: one per enrolment, never written twice.
    const string AchievementSql = """
        INSERT INTO achievement_records (centre_id, enrolment_id, candidate_name, qualification_code, qualification_title,
                                         rubric_version, enrolled_at, certified_at, assessor_name, iqa_name, elements)
        SELECT e.centre_id, e.id, p.display_name, q.code, v.title, v.number, e.enrolled_at, el.certified_at,
               a.display_name, i.display_name, el.elements
        FROM enrolments e
        JOIN people p ON p.id = e.candidate_id
        JOIN qualifications q ON q.id = e.qualification_id
        JOIN rubric_versions v ON v.id = e.rubric_version_id
        LEFT JOIN people a ON a.id = e.assessor_id
        LEFT JOIN people i ON i.id = e.iqa_id
        CROSS JOIN LATERAL (
            SELECT coalesce(jsonb_agg(jsonb_build_object('code', r.code, 'title', r.title, 'signedOffAt', s.signed_at,
                       'confirmedAt', s.candidate_confirmed_at, 'assessor', sa.display_name) ORDER BY r.position)
                       FILTER (WHERE s.id IS NOT NULL), '[]') AS elements,
                   CASE WHEN count(*) > 0 AND count(*) = count(s.candidate_confirmed_at) THEN max(s.candidate_confirmed_at) END
                       AS certified_at
            FROM rubric_elements r
            LEFT JOIN element_signoffs s ON s.element_id = r.id AND s.enrolment_id = e.id AND s.reopened_at IS NULL
            LEFT JOIN people sa ON sa.id = s.assessor_id
            WHERE r.rubric_version_id = e.rubric_version_id) el
        WHERE e.candidate_id = @candidateId AND e.centre_id = @centreId
        ON CONFLICT (enrolment_id) DO NOTHING
        """;
}
