using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>
/// The coverage of a qualification's sample so far; on request, the site's proposed next batch of decisions to sample,
/// meeting the plan, with the coverage grid it would give; the IQA accepts it as it is or unticks decisions.
/// </summary>
public sealed class SampleModel(QualityStore quality) : PageModel
{
    public const int MostAtOnce = 100;

    public sealed class InputModel
    {
        public List<string> Decisions { get; set; } = [];

        [Range(1, MostAtOnce, ErrorMessage = "Propose between 1 and 100 decisions at a time")]
        public int Size { get; set; } = 20;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<QualificationChoice> Qualifications { get; private set; } = [];
    public SamplingPlan? Plan { get; private set; }
    public Coverage Counts { get; private set; } = new(new Dictionary<string, CoverageCell>());
    public CoverageGrid Sampled { get; private set; } = null!;
    /// <summary>Null until a proposal is asked for.</summary>
    public IReadOnlyList<Decision>? Proposal { get; private set; }
    public CoverageGrid? WithProposal { get; private set; }

    /// <summary>Decisions of the qualification not yet sampled.</summary>
    public int Open => Counts.Counts.Where(c => c.Key.StartsWith("assessor:", StringComparison.Ordinal)).Sum(c => c.Value.Decisions - c.Value.Sampled);

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
        Counts = await quality.CoverageAsync(centreId, Plan.QualificationId, ct);
        Sampled = await quality.GridAsync(centreId, Plan, Counts, ct);
        return true;
    }

    async Task ProposeAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        var (open, coverage) = await quality.ProposalChoicesAsync(centreId, Plan!, Counts, Input.Size, ct);
        var chosen = SampleProposal.Propose(open, coverage, Plan!, Input.Size).Select(d => d.Key).ToList();
        // Names and titles for the proposed decisions only (the choices come without them).
        Proposal = chosen.Count == 0 ? [] : await quality.DecisionsAsync(centreId, Plan!.QualificationId, chosen, ct);
        WithProposal = Sampled with { Counts = Counts.With(Proposal) };
    }

    public async Task<IActionResult> OnGetAsync(long? qualificationId, CancellationToken ct) =>
        await LoadAsync(qualificationId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostProposeAsync(long qualificationId, CancellationToken ct)
    {
        if (!await LoadAsync(qualificationId, ct) || Plan is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            await ProposeAsync(ct);
            Input.Decisions = Proposal!.Select(d => d.Key.ToString()).ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(long qualificationId, CancellationToken ct)
    {
        if (!await LoadAsync(qualificationId, ct) || Plan is null)
        {
            return NotFound();
        }
        var keys = Input.Decisions.Select(DecisionKey.Parse).OfType<DecisionKey>().ToHashSet();
        if (keys.Count == 0 || !ModelState.IsValid)
        {
            ModelState.AddModelError("Input.Decisions", "Choose at least one decision to sample");
            Input.Size = Math.Clamp(Input.Size, 1, MostAtOnce);
            await ProposeAsync(ct);
            return Page();
        }
        var person = User.Person();
        var ids = await quality.TakeSamplesAsync(person.CentreId, person.Id, Plan.QualificationId, keys, ct);
        TempData["Status"] = $"{ids.Count} decision{(ids.Count == 1 ? "" : "s")} of {Plan.QualificationCode} sampled. Record your outcome on each.";
        return RedirectToPage("Report", new { qualificationId });
    }
}
