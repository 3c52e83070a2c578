using Dapper;
using Portfolio.Storage;
using Portfolio.Tests.Storage;

namespace Portfolio.Tests.Privacy;

/// <summary>What a candidate's data looks like in the tables, written directly so every place erasure must reach is filled.</summary>
public sealed record SeededEvidence(long ItemId, long RevisionId, string OwnFile, string SharedFile);

public static class PersonalDataSeed
{
    public const string Secret = "Marigold Fenwick lives at 14 Larch Road";

    /// <summary>
    /// A submitted, judged and returned item with a file of its own and a file whose content another candidate also
    /// uploaded, an annotation, a claim, feedback, notifications, email choices with an event waiting for the digest,
    /// audit events and a sign-in session.
    /// </summary>
    public static async Task<SeededEvidence> EvidenceAsync(TestDatabase db, EnrolledCandidate e, string filesFolder,
        long? otherCandidateId = null, bool returned = true)
    {
        var store = new FileStore(filesFolder);
        var own = (await store.SaveAsync(new MemoryStream(SampleFiles.Text($"{Secret} (file of candidate {e.Candidate.Id})")), 10_000, CancellationToken.None, "own.txt")).File!;
        var shared = (await store.SaveAsync(new MemoryStream(SampleFiles.Text("A shared handout")), 10_000, CancellationToken.None, "shared.txt")).File!;
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var point = await conn.ExecuteScalarAsync<long>("SELECT id FROM marking_points WHERE rubric_version_id = @VersionId ORDER BY id LIMIT 1", e);
        var ids = await conn.QuerySingleAsync<(long Item, long Revision)>("""
            WITH item AS (
                INSERT INTO evidence_items (centre_id, enrolment_id, candidate_id, kind, title)
                VALUES (@CentreId, @EnrolmentId, @candidate, 'other-document', 'Plan with Marigold') RETURNING id)
            INSERT INTO evidence_revisions (item_id, number, content, text, authenticity_declared)
            SELECT id, 1, jsonb_build_object('notes', @secret), @secret, true FROM item RETURNING item_id, id
            """, new { e.CentreId, e.EnrolmentId, candidate = e.Candidate.Id, secret = Secret });
        await conn.ExecuteAsync("""
            INSERT INTO stored_files (sha256, size, mime_type, extracted_text) VALUES
                (@own, 10, 'text/plain', @secret), (@shared, 10, 'text/plain', 'A shared handout') ON CONFLICT DO NOTHING;
            INSERT INTO evidence_files (revision_id, candidate_id, sha256, display_name) VALUES
                (@revision, @candidate, @own, 'marigold.txt'), (@revision, @candidate, @shared, 'handout.txt');
            INSERT INTO annotations (item_id, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset, comment, created_by)
            VALUES (@item, 'Marigold Fenwick', '', ' lives', 0, 16, 'Client named: Marigold', @candidate);
            INSERT INTO mappings (item_id, marking_point_id, rationale, created_by) VALUES (@item, @point, 'Marigold agreed', @candidate);
            INSERT INTO witness_requests (centre_id, item_id, name, job_title, relationship, email, token_hash, created_at,
                                          sent_at, expires_at, answered_at, outcome, typed_name, comment, remote_address,
                                          user_agent, text_sha256, revision_number)
            VALUES (@centre, @item, 'Marigold Fenwick', 'Team Leader', 'Line manager', 'marigold@example.org',
                    sha256(convert_to(@item::text, 'UTF8')), now(), now(), now() + interval '14 days', now(), 'confirmed',
                    'Marigold Fenwick', 'Marigold saw it', '192.0.2.8', 'Test browser', repeat('a', 64), 1);
            UPDATE evidence_revisions SET submitted_at = now() WHERE id = @revision;
            INSERT INTO sign_in_sessions (id, person_id, remote_address) VALUES (gen_random_uuid(), @candidate, '192.0.2.7');
            INSERT INTO notifications (centre_id, person_id, text, link) VALUES
                (@centre, @candidate, 'Feedback on Marigold', '/Portfolio'),
                (@centre, @assessor, 'New submission', '/Assess/Review?id=' || @item);
            INSERT INTO notification_settings (person_id, choices)
            VALUES (@candidate, '{"evidence-returned": "digest"}');
            INSERT INTO digest_items (centre_id, person_id, kind, body, link, link_label)
            VALUES (@centre, @candidate, 'evidence-returned', 'Returned with feedback on Marigold', '/Portfolio',
                    'Open');
            INSERT INTO audit_events (centre_id, actor_id, action, subject_type, subject_id, remote_address, before, after)
            VALUES (@centre, @candidate, 'evidence.saved', 'evidence_item', @item, '192.0.2.7', NULL, jsonb_build_object('text', @secret));
            """, new { own = own.Sha256, shared = shared.Sha256, secret = Secret, revision = ids.Revision, candidate = e.Candidate.Id,
                       item = ids.Item, point, centre = e.CentreId, assessor = e.Assessor.Id });
        if (returned)
        {
            await conn.ExecuteAsync("""
                WITH review AS (
                    INSERT INTO assessment_reviews (revision_id, assessor_id, overall_feedback, returned_at, candidate_response)
                    VALUES (@revision, @assessor, 'Well done with Marigold', now(), 'Thanks, Marigold was pleased') RETURNING id)
                INSERT INTO judgements (review_id, revision_id, item_id, marking_point_id, outcome, feedback, assessor_id)
                SELECT id, @revision, @item, @point, 'met', 'Marigold''s plan is clear', @assessor FROM review
                """, new { revision = ids.Revision, assessor = e.Assessor.Id, item = ids.Item, point });
        }
        if (otherCandidateId is { } other)
        {
            var otherRevision = await conn.ExecuteScalarAsync<long>("""
                WITH item AS (
                    INSERT INTO evidence_items (centre_id, enrolment_id, candidate_id, kind, title)
                    SELECT centre_id, id, candidate_id, 'other-document', 'Handout' FROM enrolments WHERE candidate_id = @other RETURNING id)
                INSERT INTO evidence_revisions (item_id, number, content, text) SELECT id, 1, '{}', '' FROM item RETURNING id
                """, new { other });
            await conn.ExecuteAsync("INSERT INTO evidence_files (revision_id, candidate_id, sha256, display_name) VALUES (@otherRevision, @other, @shared, 'handout.txt')",
                new { otherRevision, other, shared = shared.Sha256 });
        }
        return new SeededEvidence(ids.Item, ids.Revision, own.Sha256, shared.Sha256);
    }
}
