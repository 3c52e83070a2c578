using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Privacy;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Retention;

/// <summary>The centre's retention policy, and the portfolios past their keeping date waiting to be disposed of.</summary>
public sealed class IndexModel(global::Portfolio.Privacy.Retention retention) : PageModel
{
    public sealed class PolicyInput
    {
        [Range(1, 100, ErrorMessage = "Enter a whole number of years from 1 to 100")]
        public int YearsAfterCertification { get; set; } = RetentionPolicy.DefaultYears;

        [Range(1, 100, ErrorMessage = "Enter a whole number of years from 1 to 100")]
        public int YearsAfterWithdrawal { get; set; } = RetentionPolicy.DefaultYears;

        [Range(1, 100, ErrorMessage = "Enter a whole number of years from 1 to 100")]
        public int YearsAfterInactivity { get; set; } = RetentionPolicy.DefaultYears;

        public bool Automatic { get; set; }

        /// <summary>When the policy the form shows was saved (ticks), to refuse a save over someone else's.</summary>
        public long Loaded { get; set; }
    }

    public PolicyInput Policy { get; set; } = new();
    public IReadOnlyList<DisposalDue> Due { get; private set; } = [];
    public int DueTotal { get; private set; }
    public DateTime? ListedAt { get; private set; }

    public static IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> AutomaticChoice =>
        [new("Dispose of them automatically after the daily check", bool.TrueString)];

    async Task LoadAsync(bool policyToo, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        if (policyToo)
        {
            var p = await retention.PolicyAsync(centreId, ct);
            Policy = new PolicyInput
            {
                YearsAfterCertification = p.YearsAfterCertification, YearsAfterWithdrawal = p.YearsAfterWithdrawal,
                YearsAfterInactivity = p.YearsAfterInactivity, Automatic = p.AutomaticDisposal, Loaded = p.UpdatedAt?.Ticks ?? 0,
            };
        }
        (Due, DueTotal, ListedAt) = await retention.DueAsync(centreId, ct: ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(true, ct);

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken ct)
    {
        await TryUpdateModelAsync(Policy, nameof(Policy));
        if (!ModelState.IsValid)
        {
            await LoadAsync(false, ct);
            return Page();
        }
        var policy = new RetentionPolicy
        {
            YearsAfterCertification = Policy.YearsAfterCertification, YearsAfterWithdrawal = Policy.YearsAfterWithdrawal,
            YearsAfterInactivity = Policy.YearsAfterInactivity, AutomaticDisposal = Policy.Automatic,
        };
        // A stamp no save could have made (a form tampered with) stands for "no policy saved yet": a save over a saved
        // policy is then refused as stale, like any other.
        DateTime? loaded = Policy.Loaded <= 0 || Policy.Loaded > DateTime.MaxValue.Ticks ? null : new DateTime(Policy.Loaded, DateTimeKind.Utc);
        var me = User.Person();
        if (!await retention.SavePolicyAsync(me.CentreId, me.Id, policy, loaded, ct))
        {
            ModelState.AddModelError("", "Someone else saved the policy while you were editing it. It is shown below as they saved it; make your change again.");
            await LoadAsync(true, ct);
            return Page();
        }
        await retention.RefreshDueAsync(me.CentreId, ct);
        TempData["Status"] = "The retention policy has been saved and the list below checked against it.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        await retention.RefreshDueAsync(User.Person().CentreId, ct);
        TempData["Status"] = "The list has been checked against the policy now.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisposeAsync(long[] candidateIds, CancellationToken ct)
    {
        if (candidateIds.Length == 0)
        {
            ModelState.AddModelError("candidateIds", "Select the portfolios to dispose of");
            await LoadAsync(true, ct);
            return Page();
        }
        var me = User.Person();
        var run = await retention.DisposeAsync(me.CentreId, candidateIds, me.Id, ct);
        TempData["Status"] = $"Disposed of {run.Disposed} portfolio{(run.Disposed == 1 ? "" : "s")}; their achievement records are kept."
            + (run.Refusals.Count > 0 ? " Not disposed of: " + string.Join("; ", run.Refusals) + "." : "");
        return RedirectToPage();
    }
}
