using Dapper;
using Npgsql;
using Portfolio.Assessment;
using Portfolio.Audit;
using Portfolio.Rubrics;

namespace Portfolio.Evidence;

/// <summary>An item as lists show it: its newest revision, and whether that revision has been returned.</summary>
public sealed record EvidenceSummary(long Id, string Kind, string Title, int LatestNumber, DateTime? SubmittedAt,
    DateTime UpdatedAt, int Mappings, DateTime? ReturnedAt = null, int NotYet = 0, bool Answered = false)
{
    public EvidenceKind EvidenceKind => EvidenceKinds.TryParse(Kind, out var k) ? k : Rubrics.EvidenceKind.OtherDocument;

    public EvidenceStatus Status => (SubmittedAt, ReturnedAt, NotYet) switch
    {
        (null, _, _) => EvidenceStatus.Draft,
        (_, null, _) => EvidenceStatus.Submitted,
        (_, _, > 0) => EvidenceStatus.ReturnedNotYet,
        _ => EvidenceStatus.ReturnedMet,
    };
}

public sealed class EvidenceRevision
{
    public long Id { get; init; }
    public int Number { get; init; }
    public string Content { get; init; } = "{}";
    public string Text { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public bool AnonymisedConfirmed { get; init; }
    public bool ClientConsentDeclared { get; init; }
    public bool AuthenticityDeclared { get; init; }

    /// <summary>PostgreSQL's row version (xmin), carried by forms so a stale save is refused.</summary>
    public long RowVersion { get; init; }

    public bool IsFrozen => SubmittedAt is not null;
    public EvidenceContent Parsed => EvidenceContent.FromJson(Content);
}

public sealed record EvidenceFile(long Id, long RevisionId, string Sha256, string DisplayName, long Size, string MimeType, string? ExtractedText, DateTime UploadedAt)
{
    public bool IsPicture => Storage.StoredFileType.FromMimeType(MimeType)?.IsPicture == true;

    /// <summary>"Word document, 12 KB": how every list of files names this one.</summary>
    public string Description => Storage.FileDescriptions.Describe(MimeType, Size);
}

public sealed class EvidenceAnnotation
{
    public long Id { get; init; }
    public string? FileSha256 { get; init; }
    public string? QuoteExact { get; init; }
    public string? QuotePrefix { get; init; }
    public string? QuoteSuffix { get; init; }
    public int? StartOffset { get; init; }
    public int? EndOffset { get; init; }
    public decimal[]? Region { get; init; }
    public string Comment { get; init; } = "";
    public DateTime? OrphanedAt { get; init; }
    public string[] PointCodes { get; init; } = [];

    public AnnotationAnchor? Anchor => QuoteExact is null || StartOffset is null || EndOffset is null
        ? null
        : new AnnotationAnchor(new TextQuote(QuoteExact, QuotePrefix ?? "", QuoteSuffix ?? ""), new TextPosition(StartOffset.Value, EndOffset.Value));
}

/// <summary>A claim; <paramref name="SuggestedStrength"/> is set when it began as a suggestion (strong or possible).</summary>
public sealed record EvidenceMapping(long Id, long MarkingPointId, string PointCode, string PointText, string ElementCode, string Rationale, long? AnnotationId, bool AddedByAssessor,
    string? SuggestedStrength = null);

/// <summary>An item with one of its revisions and everything attached, as its candidate (or their assessor) sees it.</summary>
public sealed record EvidenceDetail(
    long Id, long CentreId, long CandidateId, long EnrolmentId, long RubricVersionId, EvidenceKind Kind, string Title,
    EvidenceRevision Revision, IReadOnlyList<(int Number, DateTime? SubmittedAt)> Revisions,
    IReadOnlyList<EvidenceFile> Files, IReadOnlyList<EvidenceAnnotation> Annotations, IReadOnlyList<EvidenceMapping> Mappings)
{
    public bool IsLatest => Revisions.Count == 0 || Revision.Number == Revisions.Max(r => r.Number);

    /// <summary>The revision's text annotations where their passages sit in this revision; the rest are orphaned here.</summary>
    public IReadOnlyList<Text.Highlight> TextHighlights() => Annotations
        .Where(a => a.FileSha256 is null && a.OrphanedAt is null && a.Anchor is not null)
        .Select(a => (a, r: a.Anchor!.Resolve(Revision.Text)))
        .Where(x => x.r.Anchor is not null)
        .Select(x => new Text.Highlight(x.r.Anchor!.Position.Start, x.r.Anchor.Position.End, "app-annotation", x.a.Comment, x.a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>Annotations on a file's extracted text, which never changes, so their offsets hold.</summary>
    public IReadOnlyList<Text.Highlight> FileHighlights(EvidenceFile file) => Annotations
        .Where(a => a.FileSha256 == file.Sha256 && a.Anchor is not null)
        .Select(a => new Text.Highlight(a.StartOffset!.Value, a.EndOffset!.Value, "app-annotation", a.Comment, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();
    public bool IsEditable => IsLatest && !Revision.IsFrozen;
    public EvidenceContent Content => Revision.Parsed;

    /// <summary>The revision before the one shown, to compare with; null for the first.</summary>
    public EvidenceRevision? Previous { get; init; }

    /// <summary>Every review of the item's revisions, returned or still being written; who may see which is the page's call.</summary>
    public IReadOnlyList<Review> Reviews { get; init; } = [];

    /// <summary>The judgements of every revision, by revision id.</summary>
    public ILookup<long, Judgement> Judgements { get; init; } = Array.Empty<Judgement>().ToLookup(_ => 0L);

    /// <summary>The plan this progress review looks back on, or the reviews of this plan, as far as the viewer may read.</summary>
    public PlanLinks Links { get; init; } = PlanLinks.None;

    /// <summary>The item's witness requests and where each stands against its newest text.</summary>
    public Witnesses.WitnessList Witnesses { get; init; } = Portfolio.Witnesses.WitnessList.None;

    public Review? ReviewOf(EvidenceRevision revision) => Reviews.SingleOrDefault(r => r.RevisionId == revision.Id);

    public IReadOnlyList<Judgement> JudgementsOf(EvidenceRevision revision) => Judgements[revision.Id].ToList();
}

/// <summary>Why a change to evidence was not made.</summary>
public enum EvidenceRefusal { None, NotFound, Frozen, Stale, UnknownMarkingPoint, AwaitingAssessment, WitnessNeeded }

/// <summary>Candidate evidence in the database: items, revisions, files, annotations and mappings; every change audited.</summary>
public sealed class EvidenceStore(NpgsqlDataSource db)
{
    const string CreateSql = """
        WITH item AS (
            INSERT INTO evidence_items (centre_id, enrolment_id, candidate_id, kind, title)
            SELECT e.centre_id, e.id, e.candidate_id, @kind, @title FROM enrolments e
            WHERE e.id = @enrolmentId AND e.candidate_id = @candidateId AND e.centre_id = @centreId
            RETURNING id)
        INSERT INTO evidence_revisions (item_id, number, content, text)
        SELECT id, 1, @content::jsonb, '' FROM item RETURNING item_id
        """;

    /// <summary>Starts a new item with an empty first revision; null when the enrolment is not the candidate's.</summary>
    public async Task<long?> CreateAsync(long centreId, long candidateId, long enrolmentId, EvidenceKind kind, string title, string? reflectiveModel, CancellationToken ct = default)
    {
        var content = new EvidenceContent { Model = kind == EvidenceKind.ReflectiveAccount ? reflectiveModel : null };
        if (kind == EvidenceKind.ActionPlan)
        {
            content.Steps.Add(new PlanStepInput());
        }
        if (kind == EvidenceKind.DevelopmentPlan)
        {
            content.Objectives.Add(new ObjectiveInput());
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(CreateSql, new
        {
            centreId, candidateId, enrolmentId, kind = kind.Key(), title = title.Trim(), content = content.ToJson(),
        }, tx, cancellationToken: ct));
        if (id is null)
        {
            return null;
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.created", centreId, candidateId, "evidence_item", id,
            After: new { kind = kind.Key(), title = AuditText.Of(title) }), tx, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    // "(SELECT @x)": PostgreSQL plans this once per connection. With the bare parameters it compared each candidate's
    // own row estimate with the average one and, for most candidates, planned the statement afresh on every call
    // (0.35 ms, as long as running it). See docs/list-pages.md.
    internal const string ListSql = """
        SELECT i.id, i.kind, i.title, r.number AS latest_number, r.submitted_at, i.updated_at,
               (SELECT count(*) FROM mappings m WHERE m.item_id = i.id)::int AS mappings, ar.returned_at,
               (SELECT count(*) FROM judgements j
                WHERE j.revision_id = r.id AND j.outcome = 'not-yet' AND ar.returned_at IS NOT NULL)::int AS not_yet,
               ar.candidate_response IS NOT NULL AS answered
        FROM evidence_items i
        JOIN LATERAL (SELECT id, number, submitted_at FROM evidence_revisions
                      WHERE item_id = i.id ORDER BY number DESC LIMIT 1) r ON true
        LEFT JOIN assessment_reviews ar ON ar.revision_id = r.id
        WHERE i.candidate_id = (SELECT @candidateId) AND i.centre_id = (SELECT @centreId)
        ORDER BY i.updated_at DESC
        """;

    public async Task<IReadOnlyList<EvidenceSummary>> ListAsync(long centreId, long candidateId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<EvidenceSummary>(new CommandDefinition(ListSql, new { centreId, candidateId }, cancellationToken: ct))).ToList();
    }

    const string DetailSql = """
        SELECT i.id, i.centre_id, i.candidate_id, i.enrolment_id, e.rubric_version_id, i.kind, i.title
        FROM evidence_items i JOIN enrolments e ON e.id = i.enrolment_id
        WHERE i.id = @itemId AND i.centre_id = @centreId
          AND (i.candidate_id = @viewerId OR e.assessor_id = @viewerId OR @wholeCentre);
        SELECT id, number, content::text AS content, text, created_at, submitted_at, anonymised_confirmed, client_consent_declared,
               authenticity_declared, xmin::text::bigint AS row_version
        FROM evidence_revisions WHERE item_id = @itemId ORDER BY number;
        SELECT f.id, f.revision_id, f.sha256, f.display_name, s.size, s.mime_type, s.extracted_text, f.uploaded_at
        FROM evidence_files f JOIN stored_files s ON s.sha256 = f.sha256 JOIN evidence_revisions r ON r.id = f.revision_id
        WHERE r.item_id = @itemId ORDER BY f.id;
        SELECT a.id, a.file_sha256, a.quote_exact, a.quote_prefix, a.quote_suffix, a.start_offset, a.end_offset, a.region, a.comment, a.orphaned_at,
               coalesce(array_agg(mp.code ORDER BY mp.position) FILTER (WHERE mp.id IS NOT NULL), '{}') AS point_codes
        FROM annotations a LEFT JOIN annotation_points ap ON ap.annotation_id = a.id LEFT JOIN marking_points mp ON mp.id = ap.marking_point_id
        WHERE a.item_id = @itemId GROUP BY a.id ORDER BY a.start_offset NULLS LAST, a.id;
        SELECT m.id, m.marking_point_id, mp.code AS point_code, mp.text AS point_text, el.code AS element_code, m.rationale, m.annotation_id, m.added_by_assessor,
               m.suggested_strength
        FROM mappings m JOIN marking_points mp ON mp.id = m.marking_point_id JOIN rubric_elements el ON el.id = mp.element_id
        JOIN rubric_units u ON u.id = el.unit_id
        WHERE m.item_id = @itemId ORDER BY u.position, el.position, mp.position;
        SELECT ar.id, ar.revision_id, ar.overall_feedback, ar.returned_at, ar.candidate_response, ar.responded_at,
               p.display_name AS assessor_name, ar.xmin::text::bigint AS row_version
        FROM assessment_reviews ar JOIN people p ON p.id = ar.assessor_id JOIN evidence_revisions r ON r.id = ar.revision_id
        WHERE r.item_id = @itemId ORDER BY r.number;
        SELECT j.id, j.marking_point_id, mp.code AS point_code, j.outcome, j.feedback, j.judged_at, p.display_name AS assessor_name, j.revision_id
        FROM judgements j JOIN marking_points mp ON mp.id = j.marking_point_id JOIN people p ON p.id = j.assessor_id
        WHERE j.item_id = @itemId ORDER BY mp.position;
        """;

    sealed record ItemRow(long Id, long CentreId, long CandidateId, long EnrolmentId, long RubricVersionId, string Kind, string Title);

    sealed record JudgementRow(long Id, long MarkingPointId, string PointCode, string Outcome, string Feedback, DateTime JudgedAt, string AssessorName, long RevisionId);

    /// <summary>The candidate's own item, newest revision, for the pages only its candidate uses; null when it is
    /// not theirs.</summary>
    public async Task<EvidenceDetail?> OwnItemAsync(long centreId, long candidateId, long itemId, CancellationToken ct = default) =>
        await GetAsync(centreId, candidateId, itemId, ct: ct) is { } detail && detail.CandidateId == candidateId ? detail : null;

    /// <summary>
    /// The item with the given revision (the newest when null), with the reviews and judgements of its revisions, in one
    /// round trip. Visible to its candidate, to the assessor of its enrolment, and to the whole centre's quality and
    /// administration roles when <paramref name="wholeCentre"/>: what the later statements find is used only when the
    /// first finds the item visible to the viewer.
    /// </summary>
    public async Task<EvidenceDetail?> GetAsync(long centreId, long viewerId, long itemId, int? revisionNumber = null, bool wholeCentre = false, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(DetailSql + PlanLinks.Sql + Witnesses.WitnessRequests.DetailSql,
            new { centreId, viewerId, itemId, wholeCentre }, cancellationToken: ct));
        var item = await grid.ReadSingleOrDefaultAsync<ItemRow>();
        if (item is null)
        {
            return null;
        }
        var revisions = (await grid.ReadAsync<EvidenceRevision>()).ToList();
        var revision = revisionNumber is null ? revisions[^1] : revisions.SingleOrDefault(r => r.Number == revisionNumber);
        if (revision is null)
        {
            return null;
        }
        var files = (await grid.ReadAsync<EvidenceFile>()).Where(f => f.RevisionId == revision.Id).ToList();
        var annotations = (await grid.ReadAsync<EvidenceAnnotation>()).ToList();
        var mappings = (await grid.ReadAsync<EvidenceMapping>()).ToList();
        var reviews = (await grid.ReadAsync<Review>()).ToList();
        var judgements = (await grid.ReadAsync<JudgementRow>()).ToLookup(j => j.RevisionId,
            j => new Judgement(j.Id, j.MarkingPointId, j.PointCode, j.Outcome, j.Feedback, j.JudgedAt, j.AssessorName));
        EvidenceKinds.TryParse(item.Kind, out var kind);
        var links = await PlanLinks.ReadAsync(grid, kind, revision.Parsed);
        var witnesses = new Witnesses.WitnessList(kind, (await grid.ReadAsync<Witnesses.WitnessRequest>()).ToList(),
            Audit.AuditText.Sha256(revisions[^1].Text));
        return new EvidenceDetail(item.Id, item.CentreId, item.CandidateId, item.EnrolmentId, item.RubricVersionId, kind, item.Title, revision,
            revisions.Select(r => (r.Number, r.SubmittedAt)).ToList(), files, annotations, mappings)
        {
            Previous = revisions.LastOrDefault(r => r.Number < revision.Number),
            Reviews = reviews,
            Judgements = judgements,
            Links = links,
            Witnesses = witnesses,
        };
    }

    const string LockDraftSql = """
        SELECT r.id, r.text, r.xmin::text::bigint AS row_version, r.submitted_at, i.kind, r.number, r.content::text AS content,
               i.title
        FROM evidence_revisions r JOIN evidence_items i ON i.id = r.item_id
        WHERE i.id = @itemId AND i.candidate_id = @candidateId AND i.centre_id = @centreId
        ORDER BY r.number DESC LIMIT 1 FOR UPDATE OF r
        """;

    const string SaveSql = """
        UPDATE evidence_revisions SET content = @content::jsonb, text = @text, updated_at = now() WHERE id = @revisionId;
        UPDATE evidence_items SET title = @title, updated_at = now() WHERE id = @itemId;
        """;

    const string AnchorsSql = "SELECT id, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset FROM annotations WHERE item_id = @itemId AND file_sha256 IS NULL AND orphaned_at IS NULL AND quote_exact IS NOT NULL";
    const string MoveAnchorSql = "UPDATE annotations SET quote_exact = @exact, quote_prefix = @prefix, quote_suffix = @suffix, start_offset = @start, end_offset = @end WHERE id = @id";
    const string OrphanSql = "UPDATE annotations SET orphaned_at = now() WHERE id = @id";

    sealed record DraftRow(long Id, string Text, long RowVersion, DateTime? SubmittedAt, string Kind, int Number, string Content, string Title);

    /// <summary>
    /// Locks the item's newest revision and says whether it may be written: the candidate's, still a draft, and (when
    /// given) at the version the form was opened on. The draft is returned only when it may be written.
    /// </summary>
    static async Task<(DraftRow? Draft, EvidenceRefusal Refusal)> LockWritableDraftAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        long centreId, long candidateId, long itemId, long? rowVersion, CancellationToken ct)
    {
        var draft = await conn.QuerySingleOrDefaultAsync<DraftRow>(new CommandDefinition(LockDraftSql, new { centreId, candidateId, itemId }, tx, cancellationToken: ct));
        var refusal = draft is null ? EvidenceRefusal.NotFound
            : draft.SubmittedAt is not null ? EvidenceRefusal.Frozen
            : rowVersion is { } expected && draft.RowVersion != expected ? EvidenceRefusal.Stale
            : EvidenceRefusal.None;
        return (refusal == EvidenceRefusal.None ? draft : null, refusal);
    }

    /// <summary>
    /// Saves the draft revision when <paramref name="rowVersion"/> is still current, and moves the item's text
    /// annotations to where their passages now are (or marks them orphaned when the passage is gone).
    /// </summary>
    public async Task<EvidenceRefusal> SaveDraftAsync(long centreId, long candidateId, long itemId, string title, EvidenceContent content, long rowVersion, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (draft, refusal) = await LockWritableDraftAsync(conn, tx, centreId, candidateId, itemId, rowVersion, ct);
        if (draft is null)
        {
            return refusal;
        }
        EvidenceKinds.TryParse(draft.Kind, out var kind);
        var text = content.Tidy().ToText(kind);
        await conn.ExecuteAsync(new CommandDefinition(SaveSql, new { revisionId = draft.Id, itemId, title = title.Trim(), content = content.ToJson(), text }, tx, cancellationToken: ct));
        var moved = 0;
        var orphaned = 0;
        foreach (var annotation in await conn.QueryAsync<EvidenceAnnotation>(new CommandDefinition(AnchorsSql, new { itemId }, tx, cancellationToken: ct)))
        {
            var resolved = annotation.Anchor!.Resolve(text);
            if (resolved.Anchor is { } now)
            {
                if (now.Position != annotation.Anchor.Position)
                {
                    moved++;
                    await conn.ExecuteAsync(new CommandDefinition(MoveAnchorSql, new
                    {
                        id = annotation.Id, exact = now.Quote.Exact, prefix = now.Quote.Prefix, suffix = now.Quote.Suffix, start = now.Position.Start, end = now.Position.End,
                    }, tx, cancellationToken: ct));
                }
            }
            else
            {
                orphaned++;
                await conn.ExecuteAsync(new CommandDefinition(OrphanSql, new { id = annotation.Id }, tx, cancellationToken: ct));
            }
        }
        // What changed and where it lives (the revision), never the text: see AuditText.
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.saved", centreId, candidateId, "evidence_item", itemId,
            Before: new { text = AuditText.Of(draft.Text), title = AuditText.Of(draft.Title) },
            After: new
            {
                revisionId = draft.Id, revisionNumber = draft.Number, text = AuditText.Of(text), title = AuditText.Of(title.Trim()),
                fields = EvidenceFieldChanges.Between(EvidenceContent.FromJson(draft.Content), content),
                annotationsMoved = moved, annotationsOrphaned = orphaned,
            }), tx, ct);
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }

    const string QuotaSql = """
        SELECT coalesce(sum(s.size), 0) FROM (SELECT DISTINCT f.sha256 FROM evidence_files f WHERE f.candidate_id = @candidateId) d
        JOIN stored_files s ON s.sha256 = d.sha256
        """;

    /// <summary>Bytes of distinct files the candidate has uploaded, for the quota.</summary>
    public async Task<long> BytesUsedAsync(long candidateId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(QuotaSql, new { candidateId }, cancellationToken: ct));
    }

    const string AttachSql = """
        INSERT INTO stored_files (sha256, size, mime_type, extracted_text) VALUES (@sha256, @size, @mimeType, @extractedText)
        ON CONFLICT (sha256) DO NOTHING;
        INSERT INTO evidence_files (revision_id, candidate_id, sha256, display_name) VALUES (@revisionId, @candidateId, @sha256, @displayName) RETURNING id;
        """;

    /// <summary>Attaches a stored file to the item's draft revision.</summary>
    public async Task<(EvidenceRefusal Refusal, long? FileId)> AttachAsync(long centreId, long candidateId, long itemId, Storage.StoredFile file, string displayName, string? extractedText, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (draft, refusal) = await LockWritableDraftAsync(conn, tx, centreId, candidateId, itemId, null, ct);
        if (draft is null)
        {
            return (refusal, null);
        }
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(AttachSql, new
        {
            sha256 = file.Sha256, size = file.Size, mimeType = file.Type.MimeType, extractedText, revisionId = draft.Id, candidateId, displayName,
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("UPDATE evidence_items SET updated_at = now() WHERE id = @itemId", new { itemId }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.file-attached", centreId, candidateId, "evidence_item", itemId,
            After: new { fileId = id, file.Sha256, displayName, file.Size, type = file.Type.MimeType }), tx, ct);
        await tx.CommitAsync(ct);
        return (EvidenceRefusal.None, id);
    }

    const string FileSql = """
        SELECT f.id, f.revision_id, f.sha256, f.display_name, s.size, s.mime_type, s.extracted_text, f.uploaded_at
        FROM evidence_files f JOIN stored_files s ON s.sha256 = f.sha256
        JOIN evidence_revisions r ON r.id = f.revision_id JOIN evidence_items i ON i.id = r.item_id JOIN enrolments e ON e.id = i.enrolment_id
        WHERE f.id = @fileId AND i.centre_id = @centreId AND (i.candidate_id = @viewerId OR e.assessor_id = @viewerId OR @wholeCentre)
        """;

    /// <summary>A file the viewer may download (same visibility as the item), or null.</summary>
    public async Task<EvidenceFile?> FileAsync(long centreId, long viewerId, long fileId, bool wholeCentre = false, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<EvidenceFile>(new CommandDefinition(FileSql, new { centreId, viewerId, fileId, wholeCentre }, cancellationToken: ct));
    }

    // The candidate's own item whose newest revision is still a draft: annotations and claims freeze with a submission.
    const string OwnItemSql = """
        SELECT i.enrolment_id FROM evidence_items i
        WHERE i.id = @itemId AND i.candidate_id = @candidateId AND i.centre_id = @centreId
          AND (SELECT submitted_at FROM evidence_revisions WHERE item_id = i.id ORDER BY number DESC LIMIT 1) IS NULL
        """;

    const string PointsInVersionSql = """
        SELECT mp.id FROM marking_points mp JOIN enrolments e ON e.rubric_version_id = mp.rubric_version_id
        WHERE e.id = @enrolmentId AND mp.id = ANY(@pointIds)
        """;

    const string InsertAnnotationSql = """
        INSERT INTO annotations (item_id, file_sha256, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset, region, comment, created_by)
        VALUES (@itemId, @fileSha256, @exact, @prefix, @suffix, @start, @end, @region, @comment, @candidateId) RETURNING id
        """;

    // Naming a point claims it for the item (migration M202612071200): the mapping is made, or given this passage.
    const string ClaimSql = "SELECT point_id FROM claim_annotated_points(ARRAY[@id])";

    /// <summary>A passage (or an image region) to annotate, with the comment and the marking points it shows.</summary>
    public sealed record NewAnnotation(AnnotationAnchor? Anchor, string? FileSha256, decimal[]? Region, string Comment, IReadOnlyList<long> PointIds);

    public async Task<(EvidenceRefusal Refusal, long? Id)> AnnotateAsync(long centreId, long candidateId, long itemId, NewAnnotation annotation, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var result = await AnnotateAsync(conn, tx, centreId, candidateId, itemId, annotation, ct);
        if (result.Refusal == EvidenceRefusal.None)
        {
            await tx.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>The annotation inside a caller's transaction (accepting a suggestion annotates and marks the claim in one).</summary>
    internal static async Task<(EvidenceRefusal Refusal, long? Id)> AnnotateAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        long centreId, long candidateId, long itemId, NewAnnotation annotation, CancellationToken ct)
    {
        var enrolmentId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(OwnItemSql, new { centreId, candidateId, itemId }, tx, cancellationToken: ct));
        if (enrolmentId is null)
        {
            return (EvidenceRefusal.NotFound, null);
        }
        var points = (await conn.QueryAsync<long>(new CommandDefinition(PointsInVersionSql, new { enrolmentId, pointIds = annotation.PointIds.ToArray() }, tx, cancellationToken: ct))).ToList();
        if (points.Count != annotation.PointIds.Distinct().Count())
        {
            return (EvidenceRefusal.UnknownMarkingPoint, null);
        }
        var a = annotation.Anchor;
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertAnnotationSql, new
        {
            itemId, fileSha256 = annotation.FileSha256, exact = a?.Quote.Exact, prefix = a?.Quote.Prefix, suffix = a?.Quote.Suffix,
            start = a?.Position.Start, end = a?.Position.End, region = annotation.Region, comment = annotation.Comment.Trim(), candidateId,
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("INSERT INTO annotation_points (annotation_id, marking_point_id) VALUES (@id, @pointId)",
            points.Select(pointId => new { id, pointId }), tx, cancellationToken: ct));
        var claimed = (await conn.QueryAsync<long>(new CommandDefinition(ClaimSql, new { id }, tx, cancellationToken: ct))).ToList();
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.annotated", centreId, candidateId, "evidence_item", itemId,
            After: new { annotationId = id, quote = AuditText.Of(a?.Quote.Exact), annotation.Region, comment = AuditText.Of(annotation.Comment.Trim()), points, claimed }), tx, ct);
        return (EvidenceRefusal.None, id);
    }

    // The claims resting on the annotation move to another annotation naming the point, or go when it alone made them
    // and no assessor has judged them (migration M202612071200).
    const string ReleaseClaimsSql = "SELECT point_id, change FROM release_annotation_claims(@annotationId)";

    public async Task<EvidenceRefusal> DeleteAnnotationAsync(long centreId, long candidateId, long itemId, long annotationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<long?>(new CommandDefinition(OwnItemSql, new { centreId, candidateId, itemId }, tx, cancellationToken: ct)) is null)
        {
            return EvidenceRefusal.NotFound;
        }
        var (found, quote) = await conn.QuerySingleOrDefaultAsync<(bool, string?)>(new CommandDefinition(
            "SELECT true, quote_exact FROM annotations WHERE id = @annotationId AND item_id = @itemId FOR UPDATE", new { annotationId, itemId }, tx, cancellationToken: ct));
        if (!found)
        {
            return EvidenceRefusal.NotFound;
        }
        var claims = (await conn.QueryAsync<(long PointId, string Change)>(new CommandDefinition(ReleaseClaimsSql, new { annotationId }, tx, cancellationToken: ct)))
            .Select(c => new { c.PointId, c.Change }).ToList();
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM annotations WHERE id = @annotationId", new { annotationId }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.annotation-deleted", centreId, candidateId, "evidence_item", itemId,
            Before: new { annotationId, quote = AuditText.Of(quote) }, After: new { claims }), tx, ct);
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }

    const string MapSql = """
        INSERT INTO mappings (item_id, marking_point_id, rationale, annotation_id, created_by)
        VALUES (@itemId, @pointId, @rationale, (SELECT id FROM annotations WHERE id = @annotationId AND item_id = @itemId), @candidateId)
        ON CONFLICT (item_id, marking_point_id) DO UPDATE SET rationale = excluded.rationale,
            annotation_id = coalesce(excluded.annotation_id, mappings.annotation_id), by_annotation = false
        RETURNING id
        """;

    /// <summary>Claims that the item shows a marking point of the candidate's enrolled rubric version.</summary>
    public async Task<EvidenceRefusal> MapAsync(long centreId, long candidateId, long itemId, long pointId, string rationale, long? annotationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var enrolmentId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(OwnItemSql, new { centreId, candidateId, itemId }, tx, cancellationToken: ct));
        if (enrolmentId is null)
        {
            return EvidenceRefusal.NotFound;
        }
        if (!(await conn.QueryAsync<long>(new CommandDefinition(PointsInVersionSql, new { enrolmentId, pointIds = new[] { pointId } }, tx, cancellationToken: ct))).Any())
        {
            return EvidenceRefusal.UnknownMarkingPoint;
        }
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(MapSql, new { itemId, pointId, rationale = rationale.Trim(), annotationId, candidateId }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.mapped", centreId, candidateId, "mapping", id,
            After: new { itemId, pointId, rationale = AuditText.Of(rationale.Trim()), annotationId }), tx, ct);
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }

    // A withdrawn claim is withdrawn from the item's annotations too: an annotation naming a point claims it.
    const string UnnameSql = """
        DELETE FROM annotation_points ap USING annotations a
        WHERE a.id = ap.annotation_id AND a.item_id = @itemId AND ap.marking_point_id = @pointId
        RETURNING ap.annotation_id
        """;

    public async Task<EvidenceRefusal> UnmapAsync(long centreId, long candidateId, long itemId, long mappingId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<long?>(new CommandDefinition(OwnItemSql, new { centreId, candidateId, itemId }, tx, cancellationToken: ct)) is null)
        {
            return EvidenceRefusal.NotFound;
        }
        var pointId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            "DELETE FROM mappings WHERE id = @mappingId AND item_id = @itemId RETURNING marking_point_id", new { mappingId, itemId }, tx, cancellationToken: ct));
        if (pointId is null)
        {
            return EvidenceRefusal.NotFound;
        }
        var annotations = (await conn.QueryAsync<long>(new CommandDefinition(UnnameSql, new { itemId, pointId }, tx, cancellationToken: ct))).ToList();
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.unmapped", centreId, candidateId, "mapping", mappingId,
            Before: new { itemId, pointId, annotations }), tx, ct);
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }

    const string AssessorSql = """
        SELECT e.assessor_id, i.title, c.display_name AS candidate_name
        FROM evidence_items i JOIN enrolments e ON e.id = i.enrolment_id JOIN people c ON c.id = i.candidate_id WHERE i.id = @itemId
        """;

    const string SubmitSql = """
        UPDATE evidence_revisions SET submitted_at = now(), anonymised_confirmed = @anonymised, client_consent_declared = @consent, authenticity_declared = true
        WHERE id = @revisionId;
        UPDATE evidence_items SET updated_at = now() WHERE id = @itemId;
        """;

    /// <summary>Freezes the draft revision and puts it in the assessor's queue. The caller has checked the declarations.</summary>
    public async Task<EvidenceRefusal> SubmitAsync(long centreId, long candidateId, long itemId, long rowVersion, bool anonymised, bool consent, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (draft, refusal) = await LockWritableDraftAsync(conn, tx, centreId, candidateId, itemId, rowVersion, ct);
        if (draft is null)
        {
            return refusal;
        }
        if (await Witnesses.WitnessRequests.ConfirmationMissingAsync(conn, tx, itemId, draft.Text, ct))
        {
            return EvidenceRefusal.WitnessNeeded;
        }
        await conn.ExecuteAsync(new CommandDefinition(SubmitSql, new { revisionId = draft.Id, itemId, anonymised, consent }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.submitted", centreId, candidateId, "evidence_item", itemId,
            After: new { revisionId = draft.Id, anonymised, consent, authenticity = true }), tx, ct);
        var assessor = await conn.QuerySingleOrDefaultAsync<(long? AssessorId, string Title, string CandidateName)>(new CommandDefinition(AssessorSql, new { itemId }, tx, cancellationToken: ct));
        if (assessor.AssessorId is { } assessorId)
        {
            await Assessment.Notifications.NotifyAsync(conn, tx, centreId, assessorId, $"{assessor.CandidateName} submitted \"{assessor.Title}\" for assessment.", $"/Assess/Review?id={itemId}", ct);
            await Mail.EventMail.EvidenceSubmittedAsync(conn, tx, centreId, candidateId, assessorId, itemId, ct);
        }
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }

    const string NewerRevisionSql = """
        SELECT EXISTS (SELECT 1 FROM evidence_revisions
                       WHERE item_id = @itemId AND number > (SELECT number FROM evidence_revisions WHERE id = @id))
        """;

    const string ReviseSql = """
        WITH latest AS (SELECT id, number, content, text FROM evidence_revisions WHERE id = @revisionId),
        fresh AS (
            INSERT INTO evidence_revisions (item_id, number, content, text)
            SELECT @itemId, number + 1, content, text FROM latest RETURNING id)
        INSERT INTO evidence_files (revision_id, candidate_id, sha256, display_name, uploaded_at)
        SELECT fresh.id, f.candidate_id, f.sha256, f.display_name, f.uploaded_at FROM fresh, evidence_files f WHERE f.revision_id = @revisionId;
        UPDATE evidence_items SET updated_at = now() WHERE id = @itemId;
        """;

    /// <summary>
    /// Starts a new draft revision from the newest submitted one (its text and files) once the assessor has returned it;
    /// the earlier revision and its feedback stay readable.
    /// </summary>
    public async Task<EvidenceRefusal> ReviseAsync(long centreId, long candidateId, long itemId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var latest = await conn.QuerySingleOrDefaultAsync<DraftRow>(new CommandDefinition(LockDraftSql, new { centreId, candidateId, itemId }, tx, cancellationToken: ct));
        if (latest is null)
        {
            return EvidenceRefusal.NotFound;
        }
        // A start made while this one waited for the lock has already added the draft (the locking statement still saw
        // the revision it locked as the newest): read again now the lock is held.
        if (latest.SubmittedAt is null
            || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(NewerRevisionSql, new { itemId, id = latest.Id }, tx, cancellationToken: ct)))
        {
            return EvidenceRefusal.None;
        }
        if (await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition("SELECT returned_at FROM assessment_reviews WHERE revision_id = @id", new { id = latest.Id }, tx, cancellationToken: ct)) is null)
        {
            return EvidenceRefusal.AwaitingAssessment;
        }
        await conn.ExecuteAsync(new CommandDefinition(ReviseSql, new { revisionId = latest.Id, itemId }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("evidence.revision-started", centreId, candidateId, "evidence_item", itemId, After: new { from = latest.Id }), tx, ct);
        await tx.CommitAsync(ct);
        return EvidenceRefusal.None;
    }
}
