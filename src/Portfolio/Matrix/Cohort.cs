using Dapper;
using Npgsql;
using Portfolio.Export;
using Portfolio.Lists;

namespace Portfolio.Matrix;

/// <summary>Which enrolments a cohort view or export covers.</summary>
public sealed record CohortFilter(long CentreId, long QualificationId, long? AssessorId = null, DateOnly? EnrolledFrom = null, DateOnly? EnrolledTo = null);

public sealed record CohortSummary(long EnrolmentId, string CandidateName, string? AssessorName, int VersionNumber, int Total, int Claimed, int Met)
{
    /// <summary>The candidate's learning hours against their plan.</summary>
    public Portfolio.Hours.HoursProgress? Hours { get; init; }

    public int PercentMet => Total == 0 ? 0 : (int)Math.Round(100.0 * Met / Total);
}

public sealed record AssessorTurnaround(string AssessorName, int Returned, double MedianDays);

/// <summary>How the cohort page is narrowed, sorted and paged (the filter says which enrolments; this, which rows show).</summary>
public sealed record CohortView(string? Name = null, string? Band = null, string? Sort = null, int? Page = null)
{
    /// <summary>The day learning hours are expected by.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}

public static class CohortSort
{
    public const string Name = "name";
    public const string Assessor = "assessor";
    public const string Progress = "progress";

    /// <summary>By learning hours logged against those expected by today, furthest behind first; no plan
    /// last.</summary>
    public const string Hours = "hours";
}

/// <summary>Bands of progress (the share of marking points met) a cohort can be filtered by.</summary>
public static class CohortBand
{
    public static readonly IReadOnlyList<(string Key, string Label, int From, int To)> All =
    [
        ("none", "Nothing met yet", 0, 0), ("under-half", "1 to 49 % met", 1, 49), ("over-half", "50 to 99 % met", 50, 99),
        ("complete", "Every point met", 100, 100),
    ];

    public static (int From, int To)? Range(string? key) => All.FirstOrDefault(b => b.Key == key) is { Key: not null } b ? (b.From, b.To) : null;
}

/// <summary>One candidate's row of the cohort matrix: the status of every marking point by its rubric id.</summary>
public sealed record CohortRow(long EnrolmentId, string CandidateName, string? AssessorName, int VersionNumber, DateTime EnrolledAt, IReadOnlyDictionary<string, CellStatus> Points);

/// <summary>The cohort of a qualification: candidates × marking points, summaries for the screen, and turnaround per assessor.</summary>
public sealed partial class Cohort(NpgsqlDataSource db)
{
    const string Filter = """
        e.centre_id = @CentreId AND e.qualification_id = @QualificationId
        AND (@AssessorId::bigint IS NULL OR e.assessor_id = @AssessorId)
        AND (@EnrolledFrom::date IS NULL OR e.enrolled_at >= @EnrolledFrom::date)
        AND (@EnrolledTo::date IS NULL OR e.enrolled_at < @EnrolledTo::date + 1)
        """;

    static object Args(CohortFilter f) => new
    {
        f.CentreId, f.QualificationId, f.AssessorId,
        EnrolledFrom = f.EnrolledFrom?.ToDateTime(TimeOnly.MinValue), EnrolledTo = f.EnrolledTo?.ToDateTime(TimeOnly.MinValue),
    };

    // The best state each marking point reaches for an enrolment: 4 met, 2 not yet, 1 claimed (0 only rejected).
    const string BestSql = """
        SELECT i.enrolment_id, m.marking_point_id, max(CASE lj.outcome WHEN 'met' THEN 4 WHEN 'not-yet' THEN 2 WHEN 'rejected' THEN 0 ELSE 1 END) AS best
        FROM mappings m JOIN evidence_items i ON i.id = m.item_id
        LEFT JOIN LATERAL (SELECT outcome FROM judgements j WHERE j.item_id = m.item_id AND j.marking_point_id = m.marking_point_id
                           ORDER BY j.judged_at DESC, j.id DESC LIMIT 1) lj ON true
        GROUP BY i.enrolment_id, m.marking_point_id
        """;

    // The share of marking points met, as the progress bands and the progress order (and its index, migration
    // M202612100201_CohortPageOrders) compute it.
    const string PercentMetSql = "CASE WHEN p.total = 0 THEN 0 ELSE round(100.0 * p.met / p.total) END";

    // A name search tested first on the sort name in the index row (the whole name when shorter than 200 characters),
    // so a walk in name order reads no candidate row that cannot match; the whole name is tested after.
    const string NameSql = """
        @nameLike::text IS NULL OR p.candidate_sort_name ILIKE @nameLike OR length(p.candidate_sort_name) = 200
        """;

    // The screen reads the progress the database keeps per enrolment (enrolment_progress, kept by the writes, with the
    // first 200 characters of its candidate's and assessor's names to sort by), one page at a time: no judgement is
    // read. @nameLike narrows by candidate name; @band by the share of points met. Every order but learning hours
    // (which changes with the day) has an index on enrolment_progress, so the plan reads one page of rows. The total is
    // counted apart (an InitPlan): from the enrolments index alone, or, when a name or band is asked for, from the
    // progress rows that match (the band's through the progress index).
    static readonly string PageSql = $"""
        SELECT e.id AS enrolment_id, c.display_name AS candidate_name, a.display_name AS assessor_name,
               v.number AS version_number,
               p.total, p.claimed, p.met,
               CASE WHEN @nameLike::text IS NULL AND @bandFrom::int IS NULL
                    THEN (SELECT count(*)::int FROM enrolments e WHERE {Filter})
                    ELSE (SELECT count(*)::int FROM enrolment_progress p
                          WHERE p.qualification_id = @QualificationId AND p.centre_id = @CentreId
                            AND (@AssessorId::bigint IS NULL OR p.assessor_id = @AssessorId)
                            AND (@bandFrom::int IS NULL OR {PercentMetSql} BETWEEN @bandFrom AND @bandTo)
                            AND ({NameSql})
                            AND EXISTS (SELECT 1 FROM enrolments e JOIN people c ON c.id = e.candidate_id
                                        WHERE e.id = p.enrolment_id AND {Filter}
                                          AND (@nameLike::text IS NULL OR c.display_name ILIKE @nameLike)))
               END AS matching,
               h.required AS hours_required, lp.start_date::timestamp AS start_date,
               lp.planned_end_date::timestamp AS planned_end_date,
               coalesce(ht.logged_minutes, 0) AS logged_minutes, coalesce(ht.confirmed_minutes, 0) AS confirmed_minutes,
               coalesce(ht.not_counted_minutes, 0) AS not_counted_minutes, g.gap, p.candidate_sort_name
        FROM enrolment_progress p JOIN enrolments e ON e.id = p.enrolment_id
        JOIN people c ON c.id = e.candidate_id LEFT JOIN people a ON a.id = e.assessor_id
        JOIN rubric_versions v ON v.id = e.rubric_version_id
        LEFT JOIN learning_plans lp ON lp.enrolment_id = e.id
        LEFT JOIN learning_hours_totals ht ON ht.enrolment_id = e.id
        -- Learning hours (kept per enrolment by the writes): required after prior learning, and logged minus expected
        -- by @today, pro rata from start to planned end; NULL without a plan.
        CROSS JOIN LATERAL (SELECT greatest(coalesce(lp.required_hours, v.off_the_job_minimum_hours,
            v.guided_learning_hours)
                                            - lp.prior_learning_hours, 0) AS required) h
        CROSS JOIN LATERAL (SELECT CASE WHEN lp.enrolment_id IS NOT NULL THEN
                                coalesce(ht.logged_minutes, 0) / 60.0 - h.required * least(greatest(
                                (@today::date - lp.start_date)::numeric / (lp.planned_end_date - lp.start_date), 0),
                                    1) END AS gap) g
        WHERE {Filter}
          AND p.qualification_id = @QualificationId AND p.centre_id = @CentreId
          AND (@AssessorId::bigint IS NULL OR p.assessor_id = @AssessorId)
          AND ({NameSql}) AND (@nameLike::text IS NULL OR c.display_name ILIKE @nameLike)
          AND (@bandFrom::int IS NULL OR {PercentMetSql} BETWEEN @bandFrom AND @bandTo)
        """;

    // Names order by their first 200 characters, which the indexes hold (names alike that far: by enrolment).
    static readonly IReadOnlyDictionary<string, string> Orders = new Dictionary<string, string>
    {
        [CohortSort.Name] = "ORDER BY p.candidate_sort_name, p.enrolment_id",
        [CohortSort.Assessor] = "ORDER BY p.assessor_sort_name NULLS LAST, p.candidate_sort_name, p.enrolment_id",
        [CohortSort.Progress] = $"ORDER BY {PercentMetSql} DESC, p.candidate_sort_name, p.enrolment_id",
    };

    // Learning hours change their order with the day, so no index holds it: the enrolments with a plan are all read and
    // sorted by their gap, those without one follow by name through the name index; each part stops at the rows this
    // page needs.
    static readonly string HoursPageSql = $"""
        ({PageSql} AND lp.enrolment_id IS NOT NULL ORDER BY g.gap, p.candidate_sort_name, p.enrolment_id
         LIMIT @take + @skip)
        UNION ALL
        ({PageSql} AND lp.enrolment_id IS NULL ORDER BY p.candidate_sort_name, p.enrolment_id LIMIT @take + @skip)
        ORDER BY gap NULLS LAST, candidate_sort_name, enrolment_id LIMIT @take OFFSET @skip
        """;

    sealed record PageRow(long EnrolmentId, string CandidateName, string? AssessorName, int VersionNumber, int Total, int Claimed, int Met,
        int Matching, int? HoursRequired, DateTime? StartDate, DateTime? PlannedEndDate, long LoggedMinutes,
            long ConfirmedMinutes,
        long NotCountedMinutes, decimal? Gap, string CandidateSortName);

    /// <summary>One page of the filtered cohort's progress, sorted, with how many candidates match in all.</summary>
    public async Task<(IReadOnlyList<CohortSummary> Rows, Paging Paging)> SummariesAsync(CohortFilter filter, CohortView view,
        CancellationToken ct = default)
    {
        var sql = view.Sort == CohortSort.Hours ? HoursPageSql
            : $"{PageSql} {Orders.GetValueOrDefault(view.Sort ?? "", Orders[CohortSort.Name])} LIMIT @take OFFSET @skip";
        var band = CohortBand.Range(view.Band);
        await using var conn = await db.OpenConnectionAsync(ct);
        var (rows, paging) = await Paging.ReadAsync(view.Page, Paging.DefaultPageSize, async p =>
            (IReadOnlyList<PageRow>)(await conn.QueryAsync<PageRow>(new CommandDefinition(sql, new
            {
                filter.CentreId, filter.QualificationId, filter.AssessorId,
                EnrolledFrom = filter.EnrolledFrom?.ToDateTime(TimeOnly.MinValue), EnrolledTo = filter.EnrolledTo?.ToDateTime(TimeOnly.MinValue),
                nameLike = NameSearch.Pattern(view.Name), bandFrom = band?.From, bandTo = band?.To, take = p.Take, skip = p.Skip,
                today = view.Today.ToDateTime(TimeOnly.MinValue),
            }, cancellationToken: ct))).ToList(), r => r.Matching);
        return (rows.Select(r => new CohortSummary(r.EnrolmentId, r.CandidateName, r.AssessorName, r.VersionNumber,
            r.Total, r.Claimed, r.Met)
        {
            Hours = Portfolio.Hours.HoursProgress.Of(r.HoursRequired, Day(r.StartDate), Day(r.PlannedEndDate),
                r.LoggedMinutes,
                r.ConfirmedMinutes, r.NotCountedMinutes, view.Today),
        }).ToList(), paging);
    }

    static DateOnly? Day(DateTime? d) => d is { } v ? DateOnly.FromDateTime(v) : null;

    const string ColumnsSql = """
        SELECT mp.code, mp.text, el.code AS element_code, el.title AS element_title
        FROM rubric_versions v JOIN marking_points mp ON mp.rubric_version_id = v.id JOIN rubric_elements el ON el.id = mp.element_id
        JOIN rubric_units u ON u.id = el.unit_id
        JOIN qualifications q ON q.id = v.qualification_id
        WHERE v.qualification_id = @QualificationId AND q.centre_id = @CentreId
          AND v.number = (SELECT max(number) FROM rubric_versions WHERE qualification_id = @QualificationId)
        ORDER BY u.position, el.position, mp.position
        """;

    public sealed record Column(string Code, string Text, string ElementCode, string ElementTitle);

    /// <summary>The matrix's columns: the newest version's marking points; older versions line up by rubric id.</summary>
    public async Task<IReadOnlyList<Column>> ColumnsAsync(CohortFilter filter, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Column>(new CommandDefinition(ColumnsSql, Args(filter), cancellationToken: ct))).ToList();
    }

    static readonly string RowsSql = $"""
        WITH best AS ({BestSql})
        SELECT e.id AS enrolment_id, c.display_name AS candidate_name, a.display_name AS assessor_name, v.number AS version_number, e.enrolled_at,
               mp.code, coalesce(b.best, -1) AS best
        FROM enrolments e JOIN people c ON c.id = e.candidate_id JOIN rubric_versions v ON v.id = e.rubric_version_id
        LEFT JOIN people a ON a.id = e.assessor_id
        JOIN marking_points mp ON mp.rubric_version_id = e.rubric_version_id
        LEFT JOIN best b ON b.enrolment_id = e.id AND b.marking_point_id = mp.id
        WHERE {Filter}
        ORDER BY c.display_name, e.id
        """;

    sealed record Flat(long EnrolmentId, string CandidateName, string? AssessorName, int VersionNumber, DateTime EnrolledAt, string Code, int Best);

    /// <summary>
    /// Rows one candidate at a time, read from the database as they are written out: memory stays bounded by one
    /// candidate's points however large the cohort. Enumerate once, on the caller's connection lifetime.
    /// </summary>
    public IEnumerable<CohortRow> Rows(CohortFilter filter)
    {
        using var conn = db.OpenConnection();
        CohortRow? current = null;
        Dictionary<string, CellStatus>? points = null;
        foreach (var f in conn.Query<Flat>(RowsSql, Args(filter), buffered: false))
        {
            if (current is null || current.EnrolmentId != f.EnrolmentId)
            {
                if (current is not null)
                {
                    yield return current;
                }
                points = new Dictionary<string, CellStatus>(StringComparer.Ordinal);
                current = new CohortRow(f.EnrolmentId, f.CandidateName, f.AssessorName, f.VersionNumber, f.EnrolledAt, points);
            }
            points![f.Code] = f.Best switch { 4 => CellStatus.Met, 2 => CellStatus.NotYet, 1 => CellStatus.Claimed, _ => CellStatus.None };
        }
        if (current is not null)
        {
            yield return current;
        }
    }

    /// <summary>Writes the cohort workbook (streamed: bounded memory) to the stream.</summary>
    public async Task WriteWorkbookAsync(CohortFilter filter, string title, Stream output, CancellationToken ct = default)
    {
        var columns = await ColumnsAsync(filter, ct);
        var elements = columns.GroupBy(c => (c.ElementCode, c.ElementTitle)).ToList();
        var header = new List<ExportColumn> { new("Candidate", 28), new("Assessor", 24), new("Version", 9), new("Enrolled", 12), new("Overall % met", 14) };
        header.AddRange(elements.Select(e => new ExportColumn($"{e.Key.ElementCode} % met", 12)));
        header.AddRange(columns.Select(c => new ExportColumn(c.Code, 12)));
        IEnumerable<IReadOnlyList<ExportValue>> Lines()
        {
            foreach (var row in Rows(filter))
            {
                var values = new List<ExportValue>(header.Count)
                {
                    row.CandidateName, row.AssessorName ?? "", row.VersionNumber, DateOnly.FromDateTime(row.EnrolledAt), Percent(row, columns),
                };
                values.AddRange(elements.Select(e => (ExportValue)Percent(row, e.ToList())));
                // A point of a newer version than the candidate's is not theirs to evidence: say so rather than "No evidence".
                values.AddRange(columns.Select(c => row.Points.TryGetValue(c.Code, out var status)
                    ? (ExportValue)CandidateMatrix.ToExport(status) : NotInVersion));
                yield return values;
            }
        }
        using var workbook = new StreamingWorkbook(output);
        workbook.AddSheet(new ExportSheet("Cohort", title, header), Lines());
        workbook.AddSheet(new ExportSheet("Marking points", null, [new("Element", 10), new("Element title", 40), new("Marking point", 14), new("Text", 60)]),
            columns.Select(c => (IReadOnlyList<ExportValue>)[c.ElementCode, c.ElementTitle, c.Code, c.Text]));
        workbook.Finish();
    }

    /// <summary>The cohort sheet's cell for a point the candidate's version does not have.</summary>
    public const string NotInVersion = "Not in this candidate's version";

    static double Percent(CohortRow row, IReadOnlyList<Column> columns) =>
        columns.Count == 0 ? 0 : Math.Round(100.0 * columns.Count(c => row.Points.GetValueOrDefault(c.Code) == CellStatus.Met) / columns.Count, 1);
}
