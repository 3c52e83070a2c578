using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>
/// The site's proposed sample of a qualification's assessment decisions, meeting the plan, with the coverage grid before
/// and after; the IQA accepts it as it is or changes the choice by hand.
/// </summary>
public sealed class SampleModel(QualityStore quality) : PageModel
{
    public sealed class InputModel
    {
        public List<string> Decisions { get; set; } = [];
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<QualificationChoice> Qualifications { get; private set; } = [];
    public SamplingPlan? Plan { get; private set; }
    public IReadOnlyList<Decision> Decisions { get; private set; } = [];
    public IReadOnlyList<Decision> Proposal { get; private set; } = [];
    public CoverageGrid Sampled { get; private set; } = null!;
    public CoverageGrid WithProposal { get; private set; } = null!;

    async Task<bool> LoadAsync(long? qualificationId, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        Qualifications = await quality.QualificationsAsync(centreId, ct);
        var chosen = qualificationId ?? (Qualifications.Count > 0 ? Qualifications[0].Id : null);
        Plan = chosen is { } id ? await quality.PlanAsync(centreId, id, ct) : null;
        if (Plan is null)
        {
            return qualificationId is null && Qualifications.Count == 0;
        }
        Decisions = await quality.DecisionsAsync(centreId, Plan.QualificationId, ct);
        Proposal = SampleProposal.Propose(Decisions, Plan);
        var elements = await quality.ElementCodesAsync(Plan.QualificationId, ct);
        var already = Decisions.Where(d => d.Sampled).Select(d => d.Key).ToHashSet();
        Sampled = CoverageGrid.Of(Decisions, already, elements, a => Plan.RateFor(a).RatePercent);
        WithProposal = CoverageGrid.Of(Decisions, already.Concat(Proposal.Select(d => d.Key)).ToHashSet(), elements, a => Plan.RateFor(a).RatePercent);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long? qualificationId, CancellationToken ct)
    {
        if (!await LoadAsync(qualificationId, ct))
        {
            return NotFound();
        }
        Input.Decisions = Proposal.Select(d => d.Key.ToString()).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(long qualificationId, CancellationToken ct)
    {
        if (!await LoadAsync(qualificationId, ct) || Plan is null)
        {
            return NotFound();
        }
        var keys = Input.Decisions.Select(DecisionKey.Parse).OfType<DecisionKey>().ToHashSet();
        if (keys.Count == 0)
        {
            ModelState.AddModelError("Input.Decisions", "Choose at least one decision to sample");
            return Page();
        }
        var person = User.Person();
        var ids = await quality.TakeSamplesAsync(person.CentreId, person.Id, Plan.QualificationId, keys, ct);
        TempData["Status"] = $"{ids.Count} decision{(ids.Count == 1 ? "" : "s")} of {Plan.QualificationCode} sampled. Record your outcome on each.";
        return RedirectToPage("Report", new { qualificationId });
    }
}
