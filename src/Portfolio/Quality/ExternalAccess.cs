using Dapper;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Lists;

namespace Portfolio.Quality;

public sealed record ExternalAccessGrant(long Id, long EqaId, string EqaName, DateTime StartsAt, DateTime EndsAt, bool WholeCentre,
    string CreatedByName, DateTime? RevokedAt, int Samples)
{
    public bool IsOpen(DateTime now) => RevokedAt is null && StartsAt <= now && now < EndsAt;
}

public sealed record ScopedEnrolment(long Id, string CandidateName, string QualificationCode, string? AssessorName, int Matching);

/// <summary>
/// External quality assurers' access: a window of time on the whole centre or on chosen samples. Every question of scope
/// is answered in SQL against now(), so access ends by itself when the window closes.
/// </summary>
public sealed class ExternalAccess(NpgsqlDataSource db)
{
    /// <summary>What the EQA (@eqaId) may see now: their open accesses, the samples they reach (scope_samples) and
    /// the candidates of those samples (scope_enrolments).</summary>
    internal const string ScopeCte = """
        WITH access AS (
            SELECT id, whole_centre FROM eqa_accesses
            WHERE eqa_id = @eqaId AND centre_id = @centreId AND revoked_at IS NULL AND starts_at <= now() AND now() < ends_at),
        scope_samples AS (
            SELECT s.id, s.enrolment_id FROM qa_samples s
            WHERE s.centre_id = @centreId AND (EXISTS (SELECT 1 FROM access WHERE whole_centre)
               OR s.id IN (SELECT sample_id FROM eqa_access_samples WHERE access_id IN (SELECT id FROM access)))),
        scope_enrolments AS (
            SELECT e.id FROM enrolments e
            WHERE e.centre_id = @centreId AND (EXISTS (SELECT 1 FROM access WHERE whole_centre) OR e.id IN (SELECT enrolment_id FROM scope_samples)))
        """;

    async Task<bool> InScopeAsync(string condition, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition($"{ScopeCte} SELECT EXISTS ({condition})", args, cancellationToken: ct));
    }

    public Task<bool> SampleInScopeAsync(long centreId, long eqaId, long sampleId, CancellationToken ct = default) =>
        InScopeAsync("SELECT 1 FROM scope_samples WHERE id = @sampleId", new { centreId, eqaId, sampleId }, ct);

    public Task<bool> EnrolmentInScopeAsync(long centreId, long eqaId, long enrolmentId, CancellationToken ct = default) =>
        InScopeAsync("SELECT 1 FROM scope_enrolments WHERE id = @enrolmentId", new { centreId, eqaId, enrolmentId }, ct);

    public Task<bool> ItemInScopeAsync(long centreId, long eqaId, long itemId, CancellationToken ct = default) =>
        InScopeAsync("SELECT 1 FROM evidence_items i WHERE i.id = @itemId AND i.enrolment_id IN (SELECT id FROM scope_enrolments)", new { centreId, eqaId, itemId }, ct);

    public Task<bool> FileInScopeAsync(long centreId, long eqaId, long fileId, CancellationToken ct = default) =>
        InScopeAsync("""
            SELECT 1 FROM evidence_files f JOIN evidence_revisions r ON r.id = f.revision_id JOIN evidence_items i ON i.id = r.item_id
            WHERE f.id = @fileId AND r.submitted_at IS NOT NULL AND i.enrolment_id IN (SELECT id FROM scope_enrolments)
            """, new { centreId, eqaId, fileId }, ct);

    const string EnrolmentsSql = """
        SELECT e.id, c.display_name AS candidate_name, q.code AS qualification_code, a.display_name AS assessor_name,
               count(*) OVER ()::int AS matching
        FROM enrolments e JOIN people c ON c.id = e.candidate_id JOIN qualifications q ON q.id = e.qualification_id LEFT JOIN people a ON a.id = e.assessor_id
        WHERE e.id IN (SELECT id FROM scope_enrolments) AND (@nameLike::text IS NULL OR c.display_name ILIKE @nameLike)
        ORDER BY c.display_name, q.code, e.id LIMIT @take OFFSET @skip
        """;

    /// <summary>A page of the candidates whose portfolios the EQA may see now (those with a name like the one typed),
    /// and how many there are.</summary>
    public async Task<(IReadOnlyList<ScopedEnrolment> Enrolments, Paging Paging)> EnrolmentsAsync(long centreId, long eqaId,
        string? name, int? page, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await Paging.ReadAsync(page, Paging.DefaultPageSize, async p => (IReadOnlyList<ScopedEnrolment>)(await conn.QueryAsync<ScopedEnrolment>(
            new CommandDefinition($"{ScopeCte} {EnrolmentsSql}", new { centreId, eqaId, nameLike = NameSearch.Pattern(name), take = p.Take, skip = p.Skip },
                cancellationToken: ct))).ToList(), e => e.Matching);
    }

    const string GrantsSql = """
        SELECT x.id, x.eqa_id, p.display_name AS eqa_name, x.starts_at, x.ends_at, x.whole_centre, cb.display_name AS created_by_name, x.revoked_at,
               (SELECT count(*) FROM eqa_access_samples s WHERE s.access_id = x.id)::int AS samples
        FROM eqa_accesses x JOIN people p ON p.id = x.eqa_id JOIN people cb ON cb.id = x.created_by
        WHERE x.centre_id = @centreId AND (@eqaId::bigint IS NULL OR x.eqa_id = @eqaId)
        ORDER BY x.ends_at DESC, x.id DESC
        """;

    /// <summary>The centre's accesses (or one EQA's), latest ending first.</summary>
    public async Task<IReadOnlyList<ExternalAccessGrant>> GrantsAsync(long centreId, long? eqaId = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ExternalAccessGrant>(new CommandDefinition(GrantsSql, new { centreId, eqaId }, cancellationToken: ct))).ToList();
    }

    public enum Refusal { None, NotAnExternalAssessor, UnknownSample, NoSamplesChosen, NotFound }

    const string EqaSql = "SELECT EXISTS (SELECT 1 FROM people WHERE id = @eqaId AND centre_id = @centreId AND active AND 'eqa' = ANY(roles))";
    const string SamplesOfCentreSql = "SELECT count(*)::int FROM qa_samples WHERE centre_id = @centreId AND id = ANY(@sampleIds)";

    const string InsertSql = """
        INSERT INTO eqa_accesses (centre_id, eqa_id, starts_at, ends_at, whole_centre, created_by)
        VALUES (@centreId, @eqaId, @startsAt, @endsAt, @wholeCentre, @adminId) RETURNING id
        """;

    const string InsertSampleSql = "INSERT INTO eqa_access_samples (access_id, sample_id) SELECT @id, unnest(@sampleIds)";

    /// <summary>Opens a window (UTC times) for an EQA of the centre on the whole centre or on the chosen samples.</summary>
    public async Task<(Refusal Refusal, long? Id)> GrantAsync(long centreId, long adminId, long eqaId, DateTime startsAt, DateTime endsAt,
        bool wholeCentre, IReadOnlyCollection<long> sampleIds, CancellationToken ct = default)
    {
        var ids = wholeCentre ? [] : sampleIds.Distinct().ToArray();
        if (!wholeCentre && ids.Length == 0)
        {
            return (Refusal.NoSamplesChosen, null);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EqaSql, new { eqaId, centreId }, tx, cancellationToken: ct)))
        {
            return (Refusal.NotAnExternalAssessor, null);
        }
        if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(SamplesOfCentreSql, new { centreId, sampleIds = ids }, tx, cancellationToken: ct)) != ids.Length)
        {
            return (Refusal.UnknownSample, null);
        }
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            centreId, eqaId, startsAt = DateTime.SpecifyKind(startsAt, DateTimeKind.Utc), endsAt = DateTime.SpecifyKind(endsAt, DateTimeKind.Utc), wholeCentre, adminId,
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(InsertSampleSql, new { id, sampleIds = ids }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("eqa-access.granted", centreId, adminId, "person", eqaId,
            After: new { accessId = id, startsAt, endsAt, wholeCentre, sampleIds = ids }), tx, ct);
        await Assessment.Notifications.NotifyAsync(conn, tx, centreId, eqaId, $"You have external quality assurance access from {startsAt:d MMMM yyyy} until {endsAt:d MMMM yyyy}.", "/External", ct);
        await Mail.EventMail.ExternalAccessGrantedAsync(conn, tx, centreId, eqaId, startsAt, endsAt, ct);
        await tx.CommitAsync(ct);
        return (Refusal.None, id);
    }

    const string RevokeSql = """
        UPDATE eqa_accesses SET revoked_at = now(), revoked_by = @adminId
        WHERE id = @accessId AND centre_id = @centreId AND revoked_at IS NULL AND ends_at > now()
        RETURNING eqa_id
        """;

    /// <summary>Ends an access before its window closes.</summary>
    public async Task<Refusal> RevokeAsync(long centreId, long adminId, long accessId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var eqaId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(RevokeSql, new { accessId, centreId, adminId }, tx, cancellationToken: ct));
        if (eqaId is null)
        {
            return Refusal.NotFound;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("eqa-access.revoked", centreId, adminId, "person", eqaId, After: new { accessId }), tx, ct);
        await tx.CommitAsync(ct);
        return Refusal.None;
    }

    /// <summary>One row per page the EQA opened or was refused: who, what (path and query), when and from where.</summary>
    public async Task LogAsync(long centreId, long eqaId, string path, int status, string? remoteAddress, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await AuditTrail.WriteAsync(conn, new AuditEvent(status < 400 ? "external.viewed" : "external.refused", centreId, eqaId, "person", eqaId,
            After: new { path, status }, RemoteAddress: remoteAddress), null, ct);
    }
}
