namespace Portfolio.Privacy;

/// <summary>
/// Every column that can hold text about a person, or points at a person, and what an erasure does with it. A test reads
/// the database catalogue and fails on any such column missing here, so a new table or text column must be classified
/// (and reached by <see cref="Erasure"/> when it holds personal data) before it can land.
/// </summary>
public static class PersonalData
{
    public enum Treatment
    {
        /// <summary>Erasure removes or replaces what it holds for the person.</summary>
        Erased,

        /// <summary>An id of a person: the row it points at is anonymised, so it names no one.</summary>
        PointsAtPerson,

        /// <summary>Holds nothing about a person (codes, rubric text, settings, derived numbers).</summary>
        NotPersonal,

        /// <summary>Kept on purpose: see the note.</summary>
        Kept,
    }

    public sealed record Column(Treatment Treatment, string Note);

    static Column E(string note) => new(Treatment.Erased, note);
    static Column P(string note = "the person row is anonymised") => new(Treatment.PointsAtPerson, note);
    static Column N(string note) => new(Treatment.NotPersonal, note);

    public static readonly IReadOnlyDictionary<string, Column> Columns = new Dictionary<string, Column>(StringComparer.Ordinal)
    {
        ["people.display_name"] = E("becomes \"Erased person N\""),
        ["people.email"] = E("becomes erased-N@erased.invalid"),
        ["people.password_hash"] = E("emptied: nobody can sign in as them"),
        ["people.roles"] = N("role names"),
        ["sign_in_sessions.person_id"] = P(),
        ["sign_in_sessions.remote_address"] = E("removed; every session ends"),
        ["audit_events.actor_id"] = P(),
        ["audit_events.action"] = N("the kind of event"),
        ["audit_events.subject_type"] = N("the kind of subject"),
        ["audit_events.before"] = E("replaced by the erasure mark on events by or about the person"),
        ["audit_events.after"] = E("replaced by the erasure mark on events by or about the person"),
        ["audit_events.remote_address"] = E("removed on events by or about the person"),
        ["centres.name"] = N("the centre's name"),
        ["data_protection_keys.friendly_name"] = N("key material for cookies"),
        ["data_protection_keys.xml"] = N("key material for cookies"),
        ["backup_runs.archive"] = N("a file name"),
        ["backup_runs.message"] = N("a backup's error message"),
        ["evidence_items.candidate_id"] = P(),
        ["evidence_items.kind"] = N("the kind of evidence"),
        ["evidence_items.title"] = E("becomes \"Erased evidence\""),
        ["evidence_revisions.content"] = E("emptied"),
        ["evidence_revisions.text"] = E("emptied"),
        ["evidence_revisions.search"] = E("the search index, computed from the text"),
        ["stored_files.sha256"] = E("the row goes unless another person's upload has the same content"),
        ["stored_files.mime_type"] = N("a file type"),
        ["stored_files.extracted_text"] = E("the row goes unless another person's upload has the same content"),
        ["stored_files.search"] = E("the search index, goes with the row"),
        ["evidence_files.candidate_id"] = E("the row goes"),
        ["evidence_files.sha256"] = E("the row goes"),
        ["evidence_files.display_name"] = E("the row goes"),
        ["annotations.created_by"] = P(),
        ["annotations.file_sha256"] = E("cleared on the person's evidence"),
        ["annotations.quote_exact"] = E("emptied on the person's evidence"),
        ["annotations.quote_prefix"] = E("cleared on the person's evidence"),
        ["annotations.quote_suffix"] = E("cleared on the person's evidence"),
        ["annotations.comment"] = E("emptied on the person's evidence and on annotations they wrote"),
        ["annotations.region"] = N("four numbers: where a box was drawn"),
        ["mappings.created_by"] = P(),
        ["mappings.rationale"] = E("emptied on the person's evidence and on claims they made"),
        ["assessment_reviews.assessor_id"] = P(),
        ["assessment_reviews.overall_feedback"] = E("emptied: feedback the person wrote or received"),
        ["assessment_reviews.candidate_response"] = E("emptied: an answer the person wrote or received"),
        ["judgements.assessor_id"] = P(),
        ["judgements.outcome"] = N("met, not yet or not relevant"),
        ["judgements.feedback"] = E("emptied: feedback the person wrote or received"),
        ["element_signoffs.assessor_id"] = P(),
        ["element_signoffs.reopened_by"] = P(),
        ["element_signoffs.assessor_declaration"] = N("Portfolio's fixed wording of the declaration"),
        ["element_signoffs.reopen_reason"] = E("becomes \"Erased\""),
        ["notifications.person_id"] = E("the person's notifications go"),
        ["notifications.text"] = E("notifications naming the person or their evidence go"),
        ["notifications.link"] = E("notifications naming the person or their evidence go"),
        ["enrolments.candidate_id"] = P(),
        ["enrolments.assessor_id"] = P(),
        ["enrolments.iqa_id"] = P(),
        ["enrolment_versions.people"] = P("ids of people"),
        ["enrolment_progress.feedback_days"] = N("numbers of days"),
        ["qualifications.code"] = N("rubric"),
        ["rubric_versions.created_by"] = P(),
        ["rubric_versions.title"] = N("rubric"),
        ["rubric_versions.awarding_organisation"] = N("rubric"),
        ["rubric_versions.content_hash"] = N("rubric"),
        ["rubric_files.path"] = N("rubric"),
        ["rubric_files.content"] = N("rubric"),
        ["rubric_units.code"] = N("rubric"),
        ["rubric_units.title"] = N("rubric"),
        ["rubric_elements.code"] = N("rubric"),
        ["rubric_elements.title"] = N("rubric"),
        ["rubric_elements.synopsis"] = N("rubric"),
        ["rubric_elements.key_concepts"] = N("rubric"),
        ["rubric_elements.guidance"] = N("rubric"),
        ["rubric_elements.common_mistakes"] = N("rubric"),
        ["marking_points.code"] = N("rubric"),
        ["marking_points.text"] = N("rubric"),
        ["marking_points.evidence_kinds"] = N("rubric"),
        ["sampling_plans.updated_by"] = P(),
        ["sampling_plan_assessors.assessor_id"] = P(),
        ["sampling_plan_assessors.status"] = N("new, flagged or established"),
        ["qa_samples.candidate_id"] = P(),
        ["qa_samples.assessor_id"] = P(),
        ["qa_samples.sampled_by"] = P(),
        ["qa_samples.recorded_by"] = P(),
        ["qa_samples.decision_type"] = N("interim or summative"),
        ["qa_samples.evidence_kind"] = N("the kind of evidence"),
        ["qa_samples.element_codes"] = N("rubric codes"),
        ["qa_samples.outcome"] = N("agree or disagree"),
        ["qa_samples.snapshot"] = E("texts, files, annotations and feedback removed from the frozen copy"),
        ["qa_samples.feedback"] = E("emptied on samples of, by or about the person"),
        ["qa_sample_actions.text"] = E("becomes \"Erased\" on samples of, by or about the person"),
        ["qa_sample_actions.completion_note"] = E("emptied on samples of, by or about the person"),
        ["qa_decisions.source"] = N("review or signoff"),
        ["qa_decisions.evidence_kind"] = N("the kind of evidence"),
        ["qa_decisions.element_codes"] = N("rubric codes"),
        ["qa_decisions.decision_type"] = N("interim or summative"),
        ["qa_coverage.requirement"] = N("ids and codes"),
        ["eqa_accesses.eqa_id"] = P(),
        ["eqa_accesses.created_by"] = P(),
        ["eqa_accesses.revoked_by"] = P(),
        ["retention_policies.updated_by"] = P(),
        ["legal_holds.person_id"] = P(),
        ["legal_holds.placed_by"] = P(),
        ["legal_holds.released_by"] = P(),
        ["legal_holds.reason"] = new(Treatment.Kept, "the centre's reason for the hold, needed to justify keeping data"),
        ["legal_holds.release_reason"] = new(Treatment.Kept, "the centre's reason for releasing the hold"),
        ["disposals_due.candidate_id"] = E("the row goes"),
        ["disposals_due.basis"] = N("certification, withdrawal or inactivity"),
        ["achievement_records.candidate_name"] = new(Treatment.Kept,
            "the achievement record a centre must keep after disposal (awarding bodies' rules)"),
        ["achievement_records.qualification_code"] = N("rubric"),
        ["achievement_records.qualification_title"] = N("rubric"),
        ["achievement_records.assessor_name"] = new(Treatment.Kept, "part of the achievement record"),
        ["achievement_records.iqa_name"] = new(Treatment.Kept, "part of the achievement record"),
        ["achievement_records.elements"] = N("element codes, titles and dates"),
        ["erasures.person_id"] = P(),
        ["erasures.requested_by"] = P(),
        ["erasures.kind"] = N("request or disposal"),
        ["erasures.reason"] = new(Treatment.Kept, "why the erasure was made, the centre's record of it"),
        ["erasures.override_reason"] = new(Treatment.Kept, "why a hold or assessment was overridden"),
    };
}
