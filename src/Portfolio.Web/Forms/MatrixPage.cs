using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.Lists;
using Portfolio.Matrix;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Forms;

/// <summary>What every evidence-matrix page shows, whichever area it is in.</summary>
public sealed record MatrixView(CandidateMatrix Matrix, string CandidateName, string? Element, string? Status, string Action, long EnrolmentId);

/// <summary>
/// The evidence matrix page of every area: on screen with filters, and as an Excel download. An area says only
/// which enrolments its people may see; everything else is the same.
/// </summary>
public abstract class MatrixPage(EnrolmentStore enrolments, EvidenceMatrices matrices) : PageModel
{
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public MatrixView View { get; private set; } = null!;

    /// <summary>The enrolments of the centre this person may see here (one, when an id is given).</summary>
    protected abstract Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long? enrolmentId, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(long? enrolmentId, string? element, string? status, CancellationToken ct)
    {
        var enrolment = await FindAsync(enrolmentId, ct);
        if (enrolment is null)
        {
            return NotFound();
        }
        View = new MatrixView(await matrices.ForEnrolmentAsync(enrolment, ct), enrolment.CandidateName, element, status, Request.Path, enrolment.Id);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(long? enrolmentId, CancellationToken ct)
    {
        var enrolment = await FindAsync(enrolmentId, ct);
        if (enrolment is null)
        {
            return NotFound();
        }
        var matrix = await matrices.ForEnrolmentAsync(enrolment, ct);
        using var output = new MemoryStream();
        matrix.WriteWorkbook($"Evidence matrix: {enrolment.CandidateName}", output);
        return File(output.ToArray(), ExcelType, FileName("evidence-matrix", enrolment.CandidateName));
    }

    async Task<Enrolment?> FindAsync(long? enrolmentId, CancellationToken ct)
    {
        var visible = await VisibleAsync(enrolments, User.Person(), enrolmentId, ct);
        return visible.Count > 0 ? visible[0] : null;
    }

    /// <summary>A download's name: what it is, whose, and today's date, in letters, digits and dashes only.</summary>
    public static string FileName(string what, string who, string extension = ".xlsx") =>
        $"{what}-{new string(who.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-')}-{DateTime.UtcNow:yyyy-MM-dd}{extension}";
}

/// <summary>
/// The cohort page of the areas that see a whole centre (internal quality assurance, administration): progress bars,
/// sortable; median time to feedback per assessor; and the cohort matrix as a streamed Excel workbook.
/// </summary>
public abstract class CohortPage(Cohort cohort, NpgsqlDataSource db) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? QualificationId { get; set; }
    [BindProperty(SupportsGet = true)] public long? AssessorId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Band { get; set; }
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }

    public IReadOnlyList<(long Id, string Code)> Qualifications { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Assessors { get; private set; } = [];
    public IReadOnlyList<CohortSummary> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<AssessorTurnaround> Turnaround { get; private set; } = [];

    const string ChoicesSql = """
        SELECT q.id, q.code, EXISTS (SELECT 1 FROM enrolments e WHERE e.qualification_id = q.id) AS has_candidates
        FROM qualifications q WHERE q.centre_id = @centreId ORDER BY q.code;
        SELECT id, display_name FROM people WHERE centre_id = @centreId AND 'assessor' = ANY(roles) ORDER BY display_name;
        """;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var filter = await FilterAsync(ct);
        if (filter is not null)
        {
            (Rows, Paging) = await cohort.SummariesAsync(filter, new CohortView(Name, Band, Sort, PageNumber), ct);
            Turnaround = await cohort.TurnaroundAsync(filter, ct);
        }
        return Page();
    }

    /// <summary>The cohort matrix workbook, written straight to the response as it is read from the database.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var filter = await FilterAsync(ct);
        if (filter is null)
        {
            return NotFound();
        }
        var code = Qualifications.First(q => q.Id == filter.QualificationId).Code;
        Response.ContentType = MatrixPage.ExcelType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{MatrixPage.FileName("cohort-matrix", code)}\"";
        // The workbook is zipped as it is written; the zip writer needs synchronous writes on the response.
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await cohort.WriteWorkbookAsync(filter, $"Cohort matrix: {code}", Response.Body, ct);
        return new EmptyResult();
    }

    /// <summary>The cohort's learning hours (planned, actual, expected, gap) as a workbook, streamed.</summary>
    public async Task<IActionResult> OnGetHoursAsync([FromServices] Portfolio.Hours.HoursStore hours,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var filter = await FilterAsync(ct);
        if (filter is null)
        {
            return NotFound();
        }
        var code = Qualifications.First(q => q.Id == filter.QualificationId).Code;
        Response.ContentType = MatrixPage.ExcelType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{MatrixPage.FileName("cohort-hours", code)}\"";
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!
            .AllowSynchronousIO = true;
        Portfolio.Hours.HoursWorkbooks.WriteCohort(hours.CohortRows(filter), $"Learning hours: {code}",
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Response.Body);
        return new EmptyResult();
    }

    async Task<CohortFilter?> FilterAsync(CancellationToken ct)
    {
        var person = User.Person();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            using var grid = await conn.QueryMultipleAsync(new CommandDefinition(ChoicesSql, new { person.CentreId }, cancellationToken: ct));
            var qualifications = (await grid.ReadAsync<(long Id, string Code, bool HasCandidates)>()).ToList();
            Qualifications = qualifications.Select(q => (q.Id, q.Code)).ToList();
            // The page opens on a qualification that has candidates, when there is one.
            QualificationId ??= qualifications.OrderBy(q => !q.HasCandidates).Select(q => (long?)q.Id).FirstOrDefault();
            Assessors = (await grid.ReadAsync<(long, string)>()).ToList();
        }
        return QualificationId is { } q && Qualifications.Any(x => x.Id == q)
            ? new CohortFilter(person.CentreId, q, AssessorId, From, To)
            : null;
    }
}
