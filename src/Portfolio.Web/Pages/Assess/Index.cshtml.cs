using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Web.Account;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Assess;

/// <summary>
/// The assessor's caseload: evidence waiting (oldest first, a page at a time), their candidates a page at a time
/// (searchable by name, sorted by name, items waiting or progress), and days to feedback.
/// </summary>
[KeptPage]
public sealed class IndexModel(AssessmentStore assessment, TimeProvider clock) : PageModel
{
    public const int QueuePageSize = 50;

    public Caseload Caseload { get; private set; } = new([], 0, [], null);
    public DateTime Now { get; private set; }

    /// <summary>The page of the queue shown, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "queuePage")]
    public int QueuePage { get; set; } = 1;

    /// <summary>Part of a candidate's name, to find one among many.</summary>
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }

    /// <summary>"name" (the default), "waiting" (most first) or "progress" (least first).</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    /// <summary>The page of the candidates shown.</summary>
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }

    public string SortShown => Sort is { } s && AssessmentStore.CaseloadOrders.ContainsKey(s) ? s : "name";

    public int QueuePages => Math.Max(1, (Caseload.Waiting + QueuePageSize - 1) / QueuePageSize);

    public int QueueFirst => (QueuePage - 1) * QueuePageSize + 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Now = clock.GetUtcNow().UtcDateTime;
        QueuePage = Math.Clamp(QueuePage, 1, 100_000);
        Caseload = await assessment.CaseloadAsync(person.CentreId, person.Id,
            new CaseloadQuery((QueuePage - 1) * QueuePageSize, QueuePageSize, Name, Sort, PageNumber), ct);
        // A page past the end (the queue got shorter since the link was made) shows the last page instead.
        return QueuePage > QueuePages ? Redirect(QueueLink(QueuePages)) : Page();
    }

    /// <summary>This page with another page of the queue, keeping the candidate list as it is shown.</summary>
    public string QueueLink(int page) =>
        Link(("queuePage", Number(page)), ("Name", Name), ("Sort", Sort), ("pageNumber", Number(PageNumber)));

    /// <summary>The candidate list sorted another way, keeping the name searched and the queue's page (back to the
    /// first page of candidates).</summary>
    public string SortedBy(string sort) =>
        Link(("queuePage", QueuePage > 1 ? Number(QueuePage) : null), ("Name", Name), ("Sort", sort == "name" ? null : sort));

    static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    static string Link(params (string Key, string? Value)[] parts)
    {
        var query = string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "/Assess" : $"/Assess?{query}";
    }

    public static string Days(double? days) => days is { } d ? $"{d:0.#} days" : "none yet";
}
