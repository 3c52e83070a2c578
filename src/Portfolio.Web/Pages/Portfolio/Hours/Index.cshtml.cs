using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Hours;
using Portfolio.Lists;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Portfolio.Hours;

/// <summary>The candidate's learning hours: the plan, progress against it, and the log, newest first.</summary>
public sealed class IndexModel(HoursStore hours, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? EnrolmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    public LearningPlan? Plan { get; private set; }
    public IReadOnlyList<HoursEntry> Entries { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, Paging.DefaultPageSize, 0);
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    HoursViewer Viewer => new(User.Person().CentreId, User.Person().Id, HoursRole.Candidate);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await PlanAsync(ct) is not { } plan)
        {
            return EnrolmentId is null ? Page() : NotFound();
        }
        Plan = plan;
        (Entries, Paging) = await hours.EntriesAsync(plan.EnrolmentId, null, PageNumber, ct);
        return Page();
    }

    /// <summary>The candidate's log as a workbook.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync(CancellationToken ct)
    {
        if (await PlanAsync(ct) is not { } plan)
        {
            return NotFound();
        }
        await HoursWorkbook.SendAsync(HttpContext, hours, plan, Today, ct);
        return new EmptyResult();
    }

    async Task<LearningPlan?> PlanAsync(CancellationToken ct)
    {
        var id = EnrolmentId ?? (await hours.EnrolmentsOfCandidateAsync(Viewer.CentreId, Viewer.PersonId, ct))
            .Cast<long?>().FirstOrDefault();
        return id is { } enrolmentId ? await hours.PlanAsync(Viewer, enrolmentId, ct) : null;
    }
}
