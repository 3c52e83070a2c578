using Dapper;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.Export;
using Portfolio.Rubrics;

namespace Portfolio.Matrix;

/// <summary>The state of one cell: an item's claim of a point, judged or not.</summary>
public enum CellStatus { None, Claimed, NotYet, Rejected, Met }

public sealed record MatrixItem(long Id, string Title, string Kind)
{
    public EvidenceKind EvidenceKind => EvidenceKinds.TryParse(Kind, out var k) ? k : Rubrics.EvidenceKind.OtherDocument;

    /// <summary>Where the item's witness stands ("Confirmed by Sam Rivers, Team Leader, 9 March 2027"), if one was asked.</summary>
    public string? Witness { get; init; }
}

/// <summary>
/// One candidate's evidence matrix: marking points (by unit and element) × evidence items. A point is met when any
/// item's newest judgement of it is met; a gap is a point with no evidence, or evidenced only by "not yet" judgements.
/// </summary>
public sealed class CandidateMatrix(IReadOnlyList<StoredMarkingPoint> points, IReadOnlyList<MatrixItem> items, IReadOnlyDictionary<(long Item, long Point), CellStatus> cells)
{
    public IReadOnlyList<StoredMarkingPoint> Points => points;
    public IReadOnlyList<MatrixItem> Items => items;

    public CellStatus Cell(long itemId, long pointId) => cells.TryGetValue((itemId, pointId), out var s) ? s : CellStatus.None;

    // Worked out once: the page asks for each point's status several times (row, gap flag, filter, gap count).
    readonly Dictionary<long, CellStatus> statuses = points.ToDictionary(p => p.Id, p => cells
        .Where(c => c.Key.Point == p.Id).Select(c => c.Value).DefaultIfEmpty(CellStatus.None).Max() switch
        {
            CellStatus.Rejected => CellStatus.None,
            var s => s,
        });

    /// <summary>The point's overall state: the best any item gives it.</summary>
    public CellStatus Status(long pointId) => statuses.TryGetValue(pointId, out var s) ? s : CellStatus.None;

    public bool IsGap(long pointId) => Status(pointId) is CellStatus.None or CellStatus.NotYet;

    /// <summary>Points shown for an element and status filter (both optional; status "gap" means gaps only).</summary>
    public IEnumerable<StoredMarkingPoint> Filtered(string? element, string? status) => points
        .Where(p => string.IsNullOrEmpty(element) || p.ElementCode == element)
        .Where(p => status switch
        {
            "gap" => IsGap(p.Id),
            "met" => Status(p.Id) == CellStatus.Met,
            "not-yet" => Status(p.Id) == CellStatus.NotYet,
            "claimed" => Status(p.Id) == CellStatus.Claimed,
            "none" => Status(p.Id) == CellStatus.None,
            _ => true,
        });

    /// <summary>The matrix as a formatted workbook: points down the side, evidence across, a status per cell.</summary>
    public void WriteWorkbook(string title, Stream output)
    {
        var columns = new List<ExportColumn> { new("Unit"), new("Element"), new("Marking point"), new("Text"), new("Status"), new("Gap") };
        columns.AddRange(items.Select(i => new ExportColumn(i.Title)));
        var rows = points.Select(p =>
        {
            var row = new List<ExportValue> { $"{p.UnitCode} {p.UnitTitle}", $"{p.ElementCode} {p.ElementTitle}", p.Code, p.Text, ToExport(Status(p.Id)), IsGap(p.Id) ? "Gap" : "" };
            row.AddRange(items.Select(i => Cell(i.Id, p.Id) is var c && c == CellStatus.None ? ExportValue.Empty : (ExportValue)ToExport(c)));
            return (IReadOnlyList<ExportValue>)row;
        });
        using var workbook = new ReportWorkbook();
        workbook.AddSheet(new ExportSheet("Evidence matrix", title, columns), rows);
        workbook.AddSheet(new ExportSheet("Evidence", null, [new("Title"), new("Kind"), new("Witness")]),
            items.Select(i => (IReadOnlyList<ExportValue>)[i.Title, i.EvidenceKind.DisplayName(), i.Witness ?? ""]));
        workbook.SaveTo(output);
    }

    public static ExportStatus ToExport(CellStatus s) => s switch
    {
        CellStatus.Met => ExportStatus.Met,
        CellStatus.NotYet => ExportStatus.NotYetMet,
        CellStatus.Claimed => ExportStatus.Claimed,
        _ => ExportStatus.NoEvidence,
    };

    public static string Label(CellStatus s) => s switch
    {
        CellStatus.Met => "Met",
        CellStatus.NotYet => "Not yet met",
        CellStatus.Claimed => "Claimed",
        CellStatus.Rejected => "Not relevant",
        _ => "No evidence",
    };

    public static CellStatus FromOutcome(string? outcome) => outcome switch
    {
        "met" => CellStatus.Met,
        "not-yet" => CellStatus.NotYet,
        "rejected" => CellStatus.Rejected,
        _ => CellStatus.Claimed,
    };
}

public sealed class EvidenceMatrices(NpgsqlDataSource db, RubricStore rubrics)
{
    // The cells' "(SELECT @enrolmentId)" lets PostgreSQL keep one plan for them (docs/list-pages.md): with the bare
    // parameter it planned them afresh on every view (0.36 ms).
    const string CandidateSql = $"""
        SELECT i.id, i.title, i.kind FROM evidence_items i WHERE i.enrolment_id = @enrolmentId ORDER BY i.created_at, i.id;
        SELECT m.item_id, m.marking_point_id, lj.outcome
        FROM mappings m JOIN evidence_items i ON i.id = m.item_id
        LEFT JOIN LATERAL (SELECT outcome FROM judgements j WHERE j.item_id = m.item_id AND j.marking_point_id = m.marking_point_id
                           ORDER BY j.judged_at DESC, j.id DESC LIMIT 1) lj ON true
        WHERE i.enrolment_id = (SELECT @enrolmentId);
        SELECT {Witnesses.WitnessRequests.Columns}
        FROM witness_requests w JOIN evidence_items i ON i.id = w.item_id WHERE i.enrolment_id = @enrolmentId
        ORDER BY w.id DESC;
        SELECT i.id, encode(sha256(convert_to(r.text, 'UTF8')), 'hex') AS sha
        FROM evidence_items i
        JOIN LATERAL (SELECT text FROM evidence_revisions WHERE item_id = i.id ORDER BY number DESC LIMIT 1) r ON true
        WHERE i.enrolment_id = @enrolmentId AND EXISTS (SELECT 1 FROM witness_requests w WHERE w.item_id = i.id);
        """;

    /// <summary>The matrix of one enrolment on its rubric version. Callers have already checked the viewer may see the enrolment.</summary>
    public async Task<CandidateMatrix> ForEnrolmentAsync(Enrolment enrolment, CancellationToken ct = default)
    {
        var points = await rubrics.PointsAsync(enrolment.RubricVersionId, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(CandidateSql, new { enrolmentId = enrolment.Id }, cancellationToken: ct));
        var items = (await grid.ReadAsync<MatrixItem>()).ToList();
        var cells = (await grid.ReadAsync<(long ItemId, long MarkingPointId, string? Outcome)>())
            .ToDictionary(c => (c.ItemId, c.MarkingPointId), c => CandidateMatrix.FromOutcome(c.Outcome));
        var witnesses = (await grid.ReadAsync<Witnesses.WitnessRequest>()).ToLookup(w => w.ItemId);
        var texts = (await grid.ReadAsync<(long Id, string Sha)>()).ToDictionary(t => t.Id, t => t.Sha);
        items = items.Select(i => texts.TryGetValue(i.Id, out var sha)
            ? i with { Witness = new Witnesses.WitnessList(i.EvidenceKind, witnesses[i.Id].ToList(), sha).Summary }
            : i).ToList();
        return new CandidateMatrix(points, items, cells);
    }
}
