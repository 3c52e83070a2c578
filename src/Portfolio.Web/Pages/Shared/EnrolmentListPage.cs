using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.Lists;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Shared;

/// <summary>
/// A page listing the centre's enrolments (administration, quality assurance): searchable by candidate name, filtered by
/// assessor and qualification, sorted and paged on the server, everything in the query string (_EnrolmentFilter).
/// </summary>
public abstract class EnrolmentListPage(EnrolmentStore enrolments, NpgsqlDataSource db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    /// <summary>An assessor's candidates; 0 for those with no assessor yet.</summary>
    [BindProperty(SupportsGet = true)] public long? AssessorId { get; set; }
    [BindProperty(SupportsGet = true)] public long? QualificationId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }

    public IReadOnlyList<Enrolment> Enrolments { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<(long Id, string Name)> Assessors { get; private set; } = [];
    public IReadOnlyList<(long Id, string Code)> Qualifications { get; private set; } = [];

    const string ChoicesSql = """
        SELECT id, display_name FROM people WHERE centre_id = @centreId AND 'assessor' = ANY(roles) ORDER BY display_name, id;
        SELECT id, code FROM qualifications WHERE centre_id = @centreId ORDER BY code;
        """;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            using var grid = await conn.QueryMultipleAsync(new CommandDefinition(ChoicesSql, new { centreId }, cancellationToken: ct));
            Assessors = (await grid.ReadAsync<(long, string)>()).ToList();
            Qualifications = (await grid.ReadAsync<(long, string)>()).ToList();
        }
        (Enrolments, Paging) = await enrolments.PageAsync(centreId, new EnrolmentQuery(Name, AssessorId, QualificationId, Sort, PageNumber), ct);
    }

    /// <summary>This list's address sorted another way, keeping the search and filters (back to page 1).</summary>
    public string SortedBy(string sort) =>
        $"{Request.Path}?Name={Uri.EscapeDataString(Name ?? "")}&AssessorId={AssessorId}&QualificationId={QualificationId}&Sort={sort}";

    public string AriaSort(string sort) => (Sort ?? EnrolmentQuery.ByCandidate) == sort ? "ascending" : "none";
}
