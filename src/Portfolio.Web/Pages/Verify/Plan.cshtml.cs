using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>The IQA sampling plan of a qualification: each assessor's status and rate, and what samples must cover.</summary>
public sealed class PlanModel(QualityStore quality) : PageModel
{
    public sealed class RowInput
    {
        public long AssessorId { get; set; }
        public string Status { get; set; } = AssessorStatus.Established;
        /// <summary>Empty means the status's usual rate.</summary>
        public int? Rate { get; set; }
    }

    public sealed class InputModel
    {
        public bool CoverCandidates { get; set; }
        public bool CoverMethods { get; set; }
        public bool CoverElements { get; set; }
        public bool CoverDecisionTypes { get; set; }
        public List<RowInput> Rows { get; set; } = [];
        /// <summary>The saved plan's version the form was made from.</summary>
        public long Version { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<QualificationChoice> Qualifications { get; private set; } = [];
    public SamplingPlan? Plan { get; private set; }

    async Task<bool> LoadAsync(long? qualificationId, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        Qualifications = await quality.QualificationsAsync(centreId, ct);
        var chosen = qualificationId ?? (Qualifications.Count > 0 ? Qualifications[0].Id : null);
        Plan = chosen is { } id ? await quality.PlanAsync(centreId, id, ct) : null;
        return Plan is not null || (qualificationId is null && Qualifications.Count == 0);
    }

    public async Task<IActionResult> OnGetAsync(long? qualificationId, CancellationToken ct)
    {
        if (!await LoadAsync(qualificationId, ct))
        {
            return NotFound();
        }
        if (Plan is { } p)
        {
            Input = new InputModel
            {
                CoverCandidates = p.CoverCandidates, CoverMethods = p.CoverMethods, CoverElements = p.CoverElements, CoverDecisionTypes = p.CoverDecisionTypes,
                Version = p.Version,
                Rows = p.Assessors.Select(a => new RowInput
                {
                    AssessorId = a.AssessorId, Status = a.Status, Rate = a.RateChosen ? a.RatePercent : null,
                }).ToList(),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long qualificationId, CancellationToken ct)
    {
        if (!await LoadAsync(qualificationId, ct) || Plan is null)
        {
            return NotFound();
        }
        for (var i = 0; i < Input.Rows.Count; i++)
        {
            var row = Input.Rows[i];
            if (!AssessorStatus.All.Contains(row.Status))
            {
                ModelState.AddModelError($"Input.Rows[{i}].Status", "Choose new, flagged or established");
            }
            if (row.Rate is < 1 or > 100)
            {
                ModelState.AddModelError($"Input.Rows[{i}].Rate",
                    $"Enter a sampling rate between 1 and 100 per cent for {Plan.RateFor(row.AssessorId).AssessorName}"
                    + ", or leave it empty");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var names = Plan.Assessors.ToDictionary(a => a.AssessorId, a => a.AssessorName);
        var plan = Plan with
        {
            CoverCandidates = Input.CoverCandidates, CoverMethods = Input.CoverMethods, CoverElements = Input.CoverElements, CoverDecisionTypes = Input.CoverDecisionTypes,
            Version = Input.Version,
            Assessors = Input.Rows
                .Select(r => AssessorRate.Of(r.AssessorId, names.GetValueOrDefault(r.AssessorId, ""), r.Status, r.Rate))
                .ToList(),
        };
        var person = User.Person();
        switch (await quality.SavePlanAsync(person.CentreId, person.Id, plan, ct))
        {
            case PlanSave.NotFound:
                return NotFound();
            case PlanSave.Changed:
                // Plan now holds what was saved meanwhile ("Rate in use"); the form keeps this person's choices, and
                // saving again replaces the other save knowingly.
                await LoadAsync(qualificationId, ct);
                Input.Version = Plan!.Version;
                ModelState.AddModelError("", $"{Plan.SavedBy ?? "Someone"} saved this sampling plan while you were "
                    + "editing it, so yours was not saved. Their rates are in the Rate in use column; your choices are still "
                    + "in the form. Save again to replace theirs with yours.");
                return Page();
        }
        var rates = string.Join(", ", plan.Assessors.Select(a => $"{a.AssessorName} {a.RatePercent} %"));
        TempData["Status"] = $"The sampling plan for {Plan.QualificationCode} is saved."
            + (rates.Length > 0 ? $" Rates in use: {rates}." : "");
        return RedirectToPage(new { qualificationId });
    }
}
