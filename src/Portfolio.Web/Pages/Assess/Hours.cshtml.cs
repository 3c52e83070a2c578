using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Hours;
using Portfolio.Lists;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Assess;

/// <summary>One candidate's learning hours for their assessor: progress, the plan, entries to confirm or
/// query.</summary>
public sealed class HoursModel(HoursStore hours, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long EnrolmentId { get; set; }

    /// <summary>"logged" shows only the entries waiting for confirmation.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public LearningPlan Plan { get; private set; } = null!;
    public IReadOnlyList<HoursEntry> Entries { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, Paging.DefaultPageSize, 0);

    public string DecideUrl => $"/Assess/Hours?enrolmentId={EnrolmentId}"
        + (Status is null ? "" : $"&status={Uri.EscapeDataString(Status)}")
        + (PageNumber is { } p ? $"&pageNumber={p}" : "");

    HoursViewer Viewer => new(User.Person().CentreId, User.Person().Id, HoursRole.Assessor);

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await hours.PlanAsync(Viewer, EnrolmentId, ct) is not { } plan)
        {
            return false;
        }
        Plan = plan;
        Status = Status == EntryStatus.Logged ? Status : null;
        (Entries, Paging) = await hours.EntriesAsync(EnrolmentId, Status, PageNumber, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetWorkbookAsync(CancellationToken ct)
    {
        if (await hours.PlanAsync(Viewer, EnrolmentId, ct) is not { } plan)
        {
            return NotFound();
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await HoursWorkbook.SendAsync(HttpContext, hours, plan, today, ct);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostDecideAsync(long entryId, long version, string? decision,
        CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var confirm = decision == "confirm";
        if (!confirm && string.IsNullOrWhiteSpace(Comment))
        {
            ModelState.AddModelError(string.Empty,
                "Say what the candidate should check or change: a queried activity goes back to them"
                + " with your comment");
            return Page();
        }
        switch (await hours.DecideAsync(Viewer, entryId, version, confirm, Comment, ct))
        {
            case HoursRefusal.NotFound:
                return NotFound();
            case HoursRefusal.Stale:
                ModelState.AddModelError(string.Empty,
                    "The candidate changed this activity meanwhile: read it again (shown below) before deciding");
                return Page();
        }
        TempData["Status"] = confirm
            ? "Activity confirmed."
            : "Activity queried: it has gone back to the candidate with your comment.";
        return Redirect(DecideUrl);
    }
}
