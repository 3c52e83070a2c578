using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Web.Account;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Portfolio;

/// <summary>The candidate's dashboard: progress per element, their evidence, and what happened lately.</summary>
[KeptPage]
public sealed class IndexModel(CandidateDashboard dashboard, AssessmentStore assessment) : PageModel
{
    public Dashboard Dashboard { get; private set; } = new([], [], [], [], [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Dashboard = await dashboard.LoadAsync(person.CentreId, person.Id, ct);
    }

    /// <summary>The candidate confirms an element their assessor signed off.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(long signOffId, CancellationToken ct)
    {
        var person = User.Person();
        if (await assessment.ConfirmAsync(person.CentreId, person.Id, signOffId, ct) != AssessmentRefusal.None)
        {
            return NotFound();
        }
        TempData["Status"] = "Thank you: you have confirmed the sign-off.";
        return RedirectToPage();
    }
}
