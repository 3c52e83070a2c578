using Dapper;
using Npgsql;
using Portfolio.Audit;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Enrolments;

/// <summary>A candidate on one version of a qualification, with the assessor and IQA assigned to them.</summary>
public sealed record Enrolment(long Id, long CentreId, long CandidateId, string CandidateName, long QualificationId, string QualificationCode,
    long RubricVersionId, int VersionNumber, string QualificationTitle, long? AssessorId, string? AssessorName, long? IqaId, string? IqaName, DateTime EnrolledAt);

/// <summary>What moving an enrolment to another rubric version carried over and what it could not.</summary>
/// <param name="WorkNotCarried">Ids of dropped marking points that had claims or judgements; that work stays on the old version.</param>
public sealed record VersionMove(int PointsCarried, IReadOnlyList<MarkingPoint> NotCarried, RubricDiff Changes, IReadOnlyList<string> WorkNotCarried);

/// <summary>Enrolling candidates, assigning assessors and IQAs, and moving enrolments between rubric versions.</summary>
public sealed partial class EnrolmentStore(NpgsqlDataSource db, RubricStore rubrics)
{
    const string ListSql = """
        SELECT e.id, e.centre_id, e.candidate_id, c.display_name AS candidate_name, q.id AS qualification_id, q.code AS qualification_code,
               e.rubric_version_id, v.number AS version_number, v.title AS qualification_title,
               e.assessor_id, a.display_name AS assessor_name, e.iqa_id, i.display_name AS iqa_name, e.enrolled_at
        FROM enrolments e
        JOIN people c ON c.id = e.candidate_id
        JOIN qualifications q ON q.id = e.qualification_id
        JOIN rubric_versions v ON v.id = e.rubric_version_id
        LEFT JOIN people a ON a.id = e.assessor_id
        LEFT JOIN people i ON i.id = e.iqa_id
        WHERE e.centre_id = @centreId
        """;

    const string ListOrderSql = "ORDER BY a.display_name NULLS LAST, c.display_name, q.code";

    // One statement per way of calling, so PostgreSQL keeps one plan for each: optional filters written as
    // "(@x IS NULL OR e.x = @x)" made it plan the query afresh on every call. One enrolment is found by its key, where
    // the scope checks cost nothing in any plan.
    const string AllSql = $"{ListSql} {ListOrderSql}";
    const string OfAssessorSql = $"{ListSql} AND e.assessor_id = @assessorId {ListOrderSql}";
    /// <summary>A candidate's enrolments (@centreId, @candidateId); pages may read it in a batch with other statements.</summary>
    internal const string OfCandidateSql = $"{ListSql} AND e.candidate_id = @candidateId {ListOrderSql}";
    const string OneSql = $"""
        {ListSql} AND e.id = @enrolmentId
          AND (@assessorId::bigint IS NULL OR e.assessor_id = @assessorId) AND (@candidateId::bigint IS NULL OR e.candidate_id = @candidateId)
        """;

    /// <summary>
    /// The centre's enrolments: all of them, one assessor's, one candidate's, or one enrolment (when an assessor or a
    /// candidate is given too, only if it is theirs).
    /// </summary>
    public async Task<IReadOnlyList<Enrolment>> ListAsync(long centreId, long? assessorId = null, long? candidateId = null, long? enrolmentId = null, CancellationToken ct = default)
    {
        var sql = (assessorId, candidateId, enrolmentId) switch
        {
            (_, _, not null) => OneSql,
            (null, null, null) => AllSql,
            (not null, null, null) => OfAssessorSql,
            (null, not null, null) => OfCandidateSql,
            _ => throw new ArgumentException("Ask for one assessor's or one candidate's enrolments, not both at once."),
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Enrolment>(new CommandDefinition(sql, new { centreId, assessorId, candidateId, enrolmentId }, cancellationToken: ct))).ToList();
    }

    public sealed record NewEnrolment(long CandidateId, long RubricVersionId, long? AssessorId, long? IqaId);

    const string RoleCheckSql = "SELECT id, roles FROM people WHERE centre_id = @centreId AND active AND id = ANY(@ids)";
    const string VersionSql = "SELECT v.qualification_id FROM rubric_versions v JOIN qualifications q ON q.id = v.qualification_id WHERE v.id = @versionId AND q.centre_id = @centreId";
    const string ExistingSql = "SELECT 1 FROM enrolments WHERE candidate_id = @candidateId AND qualification_id = @qualificationId";

    const string InsertSql = """
        INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
        VALUES (@centreId, @CandidateId, @qualificationId, @RubricVersionId, @AssessorId, @IqaId) RETURNING id
        """;

    sealed class PersonRoles
    {
        public long Id { get; init; }
        public string[] Roles { get; init; } = [];
    }

    /// <summary>Enrols a candidate; returns the new id, or the problems by field name (nothing is written).</summary>
    public async Task<(long? Id, IReadOnlyDictionary<string, string> Problems)> EnrolAsync(long centreId, long actorId, NewEnrolment enrolment, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var problems = new Dictionary<string, string>();
        var people = (await conn.QueryAsync<PersonRoles>(new CommandDefinition(RoleCheckSql, new
        {
            centreId, ids = new[] { enrolment.CandidateId, enrolment.AssessorId ?? 0, enrolment.IqaId ?? 0 },
        }, tx, cancellationToken: ct))).ToDictionary(p => p.Id, p => p.Roles);
        bool Holds(long? id, string role) => id is { } v && people.TryGetValue(v, out var roles) && roles.Contains(role);
        if (!Holds(enrolment.CandidateId, Role.Candidate))
        {
            problems["CandidateId"] = "Choose a candidate from your centre";
        }
        if (enrolment.AssessorId is not null && !Holds(enrolment.AssessorId, Role.Assessor))
        {
            problems["AssessorId"] = "Choose an assessor from your centre";
        }
        if (enrolment.IqaId is not null && !Holds(enrolment.IqaId, Role.InternalQualityAssurer))
        {
            problems["IqaId"] = "Choose an internal quality assurer from your centre";
        }
        if (enrolment.AssessorId is not null && enrolment.AssessorId == enrolment.IqaId)
        {
            problems["IqaId"] = "The internal quality assurer must be someone other than the assessor";
        }
        var qualificationId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(VersionSql, new { centreId, versionId = enrolment.RubricVersionId }, tx, cancellationToken: ct));
        if (qualificationId is null)
        {
            problems["RubricVersionId"] = "Choose a qualification version from your centre";
        }
        else if (await conn.ExecuteScalarAsync<int?>(new CommandDefinition(ExistingSql, new { enrolment.CandidateId, qualificationId }, tx, cancellationToken: ct)) is not null)
        {
            problems["CandidateId"] = "This candidate is already enrolled on this qualification; move their enrolment to another version instead";
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            centreId, enrolment.CandidateId, qualificationId, enrolment.RubricVersionId, enrolment.AssessorId, enrolment.IqaId,
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("enrolment.created", centreId, actorId, "enrolment", id, After: enrolment), tx, ct);
        await tx.CommitAsync(ct);
        return (id, problems);
    }

    const string CurrentSql = "SELECT rubric_version_id, qualification_id FROM enrolments WHERE id = @enrolmentId AND centre_id = @centreId FOR UPDATE";
    // Claims, judgements and annotation links follow their marking point to the new version by its rubric id.
    const string MoveSql = """
        UPDATE enrolments SET rubric_version_id = @newVersionId WHERE id = @enrolmentId;
        UPDATE mappings m SET marking_point_id = np.id
        FROM evidence_items i, marking_points op, marking_points np
        WHERE i.id = m.item_id AND i.enrolment_id = @enrolmentId AND op.id = m.marking_point_id
          AND np.rubric_version_id = @newVersionId AND np.code = op.code;
        UPDATE judgements j SET marking_point_id = np.id
        FROM evidence_items i, marking_points op, marking_points np
        WHERE i.id = j.item_id AND i.enrolment_id = @enrolmentId AND op.id = j.marking_point_id
          AND np.rubric_version_id = @newVersionId AND np.code = op.code;
        UPDATE annotation_points ap SET marking_point_id = np.id
        FROM annotations a, evidence_items i, marking_points op, marking_points np
        WHERE a.id = ap.annotation_id AND i.id = a.item_id AND i.enrolment_id = @enrolmentId AND op.id = ap.marking_point_id
          AND np.rubric_version_id = @newVersionId AND np.code = op.code;
        """;

    // What still points at the old version after the move: work that could not be carried.
    const string StrandedSql = """
        SELECT DISTINCT mp.code FROM marking_points mp
        WHERE mp.rubric_version_id = @oldVersionId AND (
            EXISTS (SELECT 1 FROM mappings m JOIN evidence_items i ON i.id = m.item_id WHERE m.marking_point_id = mp.id AND i.enrolment_id = @enrolmentId)
            OR EXISTS (SELECT 1 FROM judgements j JOIN evidence_items i ON i.id = j.item_id WHERE j.marking_point_id = mp.id AND i.enrolment_id = @enrolmentId))
        """;
    const string SameQualificationSql = "SELECT 1 FROM rubric_versions WHERE id = @newVersionId AND qualification_id = @qualificationId";

    /// <summary>
    /// Moves an enrolment to another version of the same qualification. Work recorded against marking points
    /// carries over by marking-point id; points the new version no longer has are listed as not carried.
    /// Returns null when the enrolment or version is not the centre's.
    /// </summary>
    public async Task<VersionMove?> MoveAsync(long centreId, long actorId, long enrolmentId, long newVersionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<(long RubricVersionId, long QualificationId)?>(new CommandDefinition(CurrentSql, new { centreId, enrolmentId }, tx, cancellationToken: ct));
        if (current is null || await conn.ExecuteScalarAsync<int?>(new CommandDefinition(SameQualificationSql, new { newVersionId, current.Value.QualificationId }, tx, cancellationToken: ct)) is null)
        {
            return null;
        }
        var older = (await rubrics.TreeAsync(centreId, current.Value.RubricVersionId, ct))!;
        var newer = (await rubrics.TreeAsync(centreId, newVersionId, ct))!;
        var changes = RubricDiff.Between(older, newer);
        var kept = newer.MarkingPoints.Select(p => p.Id).ToHashSet();
        var notCarried = older.MarkingPoints.Where(p => !kept.Contains(p.Id)).ToList();
        await conn.ExecuteAsync(new CommandDefinition(MoveSql, new { enrolmentId, newVersionId }, tx, cancellationToken: ct));
        var stranded = (await conn.QueryAsync<string>(new CommandDefinition(StrandedSql, new { enrolmentId, oldVersionId = current.Value.RubricVersionId }, tx, cancellationToken: ct))).ToList();
        await AuditTrail.WriteAsync(conn, new AuditEvent("enrolment.moved", centreId, actorId, "enrolment", enrolmentId,
            Before: new { rubricVersionId = current.Value.RubricVersionId },
            After: new { rubricVersionId = newVersionId, notCarried = notCarried.Select(p => p.Id), workNotCarried = stranded }), tx, ct);
        await tx.CommitAsync(ct);
        return new VersionMove(older.MarkingPoints.Count() - notCarried.Count, notCarried, changes, stranded);
    }
}
