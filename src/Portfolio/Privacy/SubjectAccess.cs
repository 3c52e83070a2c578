using System.IO.Compression;
using System.Text;
using Dapper;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.Export;

namespace Portfolio.Privacy;

/// <summary>
/// Everything Portfolio holds about one person, as a zip written straight to the output: <c>index.html</c> to read,
/// each portfolio of theirs as the portfolio download shows it (pages and files), and <c>data.json</c> with every row
/// about them or written by them, section by section, for machines.
/// </summary>
public sealed class SubjectAccess(NpgsqlDataSource db, EnrolmentStore enrolments, PortfolioArchive portfolios)
{
    /// <summary>Each section of data.json: its name, what it is, and the query giving its rows as one JSON array.</summary>
    static readonly (string Name, string Title, string Sql)[] Sections =
    [
        ("person", "Your details", """
            SELECT jsonb_agg(to_jsonb(p) - 'password_hash' - 'failed_sign_ins' - 'locked_until') FROM people p WHERE p.id = @personId
            """),
        ("enrolments", "Qualifications you are enrolled on", """
            SELECT jsonb_agg(jsonb_build_object('id', e.id, 'qualification', q.code, 'enrolledAt', e.enrolled_at,
                   'assessor', a.display_name, 'iqa', i.display_name) ORDER BY e.id)
            FROM enrolments e JOIN qualifications q ON q.id = e.qualification_id
            LEFT JOIN people a ON a.id = e.assessor_id LEFT JOIN people i ON i.id = e.iqa_id
            WHERE e.candidate_id = @personId
            """),
        ("evidence", "Your evidence, every revision", """
            SELECT jsonb_agg(jsonb_build_object('itemId', i.id, 'title', i.title, 'kind', i.kind, 'revision', r.number,
                   'createdAt', r.created_at, 'submittedAt', r.submitted_at, 'text', r.text, 'content', r.content)
                   ORDER BY i.id, r.number)
            FROM evidence_items i JOIN evidence_revisions r ON r.item_id = i.id WHERE i.candidate_id = @personId
            """),
        ("files", "Files you uploaded", """
            SELECT jsonb_agg(jsonb_build_object('name', f.display_name, 'sha256', f.sha256, 'size', s.size,
                   'type', s.mime_type, 'uploadedAt', f.uploaded_at) ORDER BY f.id)
            FROM evidence_files f JOIN stored_files s ON s.sha256 = f.sha256 WHERE f.candidate_id = @personId
            """),
        ("witnesses", "Witnesses you asked to confirm your evidence, and their answers", """
            SELECT jsonb_agg(to_jsonb(w) - 'token_hash' ORDER BY w.id) FROM witness_requests w
            WHERE w.item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId)
            """),
        ("annotations", "Annotations on your evidence or written by you", """
            SELECT jsonb_agg(to_jsonb(a) ORDER BY a.id) FROM annotations a
            WHERE a.created_by = @personId OR a.item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId)
            """),
        ("claims", "Marking points claimed for your evidence or by you", """
            SELECT jsonb_agg(to_jsonb(m) ORDER BY m.id) FROM mappings m
            WHERE m.created_by = @personId OR m.item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId)
            """),
        ("feedback", "Feedback you received or wrote", """
            SELECT jsonb_agg(to_jsonb(r) ORDER BY r.id) FROM assessment_reviews r
            WHERE r.assessor_id = @personId OR r.revision_id IN (
                SELECT v.id FROM evidence_revisions v JOIN evidence_items i ON i.id = v.item_id WHERE i.candidate_id = @personId)
            """),
        ("judgements", "Judgements on your evidence or made by you", """
            SELECT jsonb_agg(to_jsonb(j) ORDER BY j.id) FROM judgements j
            WHERE j.assessor_id = @personId OR j.item_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId)
            """),
        ("signOffs", "Element sign-offs", """
            SELECT jsonb_agg(to_jsonb(s) ORDER BY s.id) FROM element_signoffs s
            WHERE s.assessor_id = @personId OR s.reopened_by = @personId
               OR s.enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId)
            """),
        ("learningPlans", "Your learning-hours plans", """
            SELECT jsonb_agg(to_jsonb(l) ORDER BY l.enrolment_id) FROM learning_plans l
            WHERE l.enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId)
            """),
        ("learningHours", "Your learning-hours log, and entries you confirmed or queried", """
            SELECT jsonb_agg(to_jsonb(h) ORDER BY h.id) FROM learning_hours h
            WHERE h.decided_by = @personId OR h.enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId)
            """),
        ("email", "Email Portfolio sent or will send you", """
            SELECT jsonb_agg(jsonb_build_object('to', m.to_address, 'subject', m.subject, 'body', m.body, 'reason', m.reason,
                   'items', m.items, 'createdAt', m.created_at, 'sentAt', m.sent_at, 'failedAt', m.failed_at)
                   ORDER BY m.id)
            FROM outbound_mail m WHERE m.person_id = @personId
            """),
        ("emailChoices", "How you chose to get notification emails", """
            SELECT jsonb_agg(jsonb_build_object('choices', s.choices, 'updatedAt', s.updated_at))
            FROM notification_settings s WHERE s.person_id = @personId
            """),
        ("digestWaiting", "Events waiting for your next daily digest", """
            SELECT jsonb_agg(jsonb_build_object('kind', d.kind, 'text', d.body, 'link', d.link,
                   'createdAt', d.created_at) ORDER BY d.id)
            FROM digest_items d WHERE d.person_id = @personId
            """),
        ("notifications", "Your notifications", """
            SELECT jsonb_agg(to_jsonb(n) ORDER BY n.id) FROM notifications n WHERE n.person_id = @personId
            """),
        ("signIns", "Your sign-ins", """
            SELECT jsonb_agg(jsonb_build_object('startedAt', s.started_at, 'lastSeenAt', s.last_seen_at,
                   'endedAt', s.ended_at, 'from', s.remote_address) ORDER BY s.started_at)
            FROM sign_in_sessions s WHERE s.person_id = @personId
            """),
        ("auditTrail", "What the audit trail recorded by you or about you", """
            SELECT jsonb_agg(jsonb_build_object('at', a.occurred_at, 'action', a.action, 'subject', a.subject_type,
                   'subjectId', a.subject_id, 'from', a.remote_address, 'before', a.before, 'after', a.after) ORDER BY a.id)
            FROM audit_events a
            WHERE a.centre_id = @centreId AND (a.actor_id = @personId OR (a.subject_type = 'person' AND a.subject_id = @personId)
               OR (a.subject_type = 'evidence_item'
                   AND a.subject_id IN (SELECT id FROM evidence_items WHERE candidate_id = @personId)))
            """),
        ("qualityAssurance", "Quality assurance samples of your work", """
            SELECT jsonb_agg(jsonb_build_object('id', s.id, 'decisionType', s.decision_type, 'decidedAt', s.decided_at,
                   'outcome', s.outcome, 'feedback', s.feedback, 'snapshot', s.snapshot) ORDER BY s.id)
            FROM qa_samples s WHERE s.candidate_id = @personId OR s.assessor_id = @personId OR s.recorded_by = @personId
            """),
        ("legalHolds", "Legal holds", """
            SELECT jsonb_agg(jsonb_build_object('placedAt', h.placed_at, 'reason', h.reason, 'releasedAt', h.released_at))
            FROM legal_holds h WHERE h.person_id = @personId
               OR h.enrolment_id IN (SELECT id FROM enrolments WHERE candidate_id = @personId)
            """),
    ];

    /// <summary>
    /// Writes the zip for a person of the centre; false (nothing written) when they are not the centre's.
    /// <paramref name="viewerId"/> and <paramref name="wholeCentre"/> say who reads the portfolio pages.
    /// </summary>
    public async Task<bool> WriteAsync(long centreId, long personId, long viewerId, bool wholeCentre, Stream output,
        CancellationToken ct = default)
    {
        var args = new { centreId, personId };
        await using var conn = await db.OpenConnectionAsync(ct);
        var name = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT display_name FROM people WHERE id = @personId AND centre_id = @centreId", args, cancellationToken: ct));
        if (name is null)
        {
            return false;
        }
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var index = new StringBuilder(PortfolioArchive.Page($"Everything held about {name}"));
        index.Append($"<h1>Everything Portfolio holds about {PortfolioArchive.E(name)}</h1>")
            .Append($"<p>Written {DateTime.UtcNow:d MMMM yyyy HH:mm} UTC. <a href=\"data.json\">data.json</a> holds every ")
            .Append("record below for use by other programs.</p>");
        var mine = await enrolments.ListAsync(centreId, candidateId: personId, ct: ct);
        if (mine.Count > 0)
        {
            index.Append("<h2>Portfolios</h2><ul>");
            foreach (var enrolment in mine)
            {
                var folder = $"portfolio-{enrolment.Id}/";
                await portfolios.AddAsync(zip, folder, enrolment, viewerId, wholeCentre, ct);
                index.Append($"<li><a href=\"{folder}index.html\">{PortfolioArchive.E(enrolment.QualificationTitle)}</a></li>");
            }
            index.Append("</ul>");
        }
        var json = zip.CreateEntry("data.json", CompressionLevel.Fastest);
        await using (var target = json.Open())
        {
            await WriteSectionsAsync(conn, args, target, index, ct);
        }
        await PortfolioArchive.WriteTextAsync(zip, "index.html", index.Append("</body></html>").ToString(), ct);
        return true;
    }

    /// <summary>data.json, one section at a time; each section's rows also go into the readable index as a table.</summary>
    static async Task WriteSectionsAsync(NpgsqlConnection conn, object args, Stream target, StringBuilder index, CancellationToken ct)
    {
        await target.WriteAsync("{"u8.ToArray(), ct);
        var first = true;
        foreach (var (name, title, sql) in Sections)
        {
            var rows = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(sql, args, cancellationToken: ct)) ?? "[]";
            await target.WriteAsync(Encoding.UTF8.GetBytes($"{(first ? "" : ",")}\n\"{name}\": {rows}"), ct);
            first = false;
            index.Append($"<h2>{PortfolioArchive.E(title)}</h2>");
            ReadableRows.Append(index, rows);
        }
        await target.WriteAsync("\n}\n"u8.ToArray(), ct);
    }
}
