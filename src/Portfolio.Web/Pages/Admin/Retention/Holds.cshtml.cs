using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Privacy;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Retention;

/// <summary>Legal holds on a person or one of their enrolments: placed and released with a reason, audited.</summary>
public sealed class HoldsModel(global::Portfolio.Privacy.Retention retention, Erasure erasure, EnrolmentStore enrolments) : PageModel
{
    public sealed class HoldInput
    {
        public long? EnrolmentId { get; set; }
        public string Reason { get; set; } = "";
    }

    public HoldInput Hold { get; set; } = new();
    public string ReleaseReason { get; set; } = "";
    public long PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public IReadOnlyList<LegalHold> Holds { get; private set; } = [];
    public IReadOnlyList<Enrolment> Enrolments { get; private set; } = [];

    async Task<bool> LoadAsync(long personId, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        if (await erasure.CheckAsync(centreId, personId, ct) is not { } person)
        {
            return false;
        }
        (PersonId, PersonName) = (personId, person.DisplayName);
        Holds = await retention.HoldsAsync(centreId, personId, ct);
        Enrolments = await enrolments.ListAsync(centreId, candidateId: personId, ct: ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long personId, CancellationToken ct) =>
        await LoadAsync(personId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPlaceAsync(long personId, CancellationToken ct)
    {
        await TryUpdateModelAsync(Hold, nameof(Hold));
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Hold.Reason))
        {
            ModelState.AddModelError("Hold.Reason", "Enter the reason for the hold");
        }
        var me = User.Person();
        if (ModelState.IsValid && !await retention.PlaceHoldAsync(me.CentreId, me.Id, personId, Hold.EnrolmentId, Hold.Reason, ct))
        {
            ModelState.AddModelError("Hold.EnrolmentId", "Choose the person or one of their enrolments");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        TempData["Status"] = $"A legal hold has been placed: nothing of {PersonName}'s will be disposed of or erased while it is in force.";
        return RedirectToPage(new { personId });
    }

    public async Task<IActionResult> OnPostReleaseAsync(long personId, long holdId, string? releaseReason, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }
        ReleaseReason = releaseReason ?? "";
        if (string.IsNullOrWhiteSpace(releaseReason))
        {
            ModelState.AddModelError("ReleaseReason", "Enter the reason for releasing the hold");
            return Page();
        }
        var me = User.Person();
        if (!await retention.ReleaseHoldAsync(me.CentreId, me.Id, personId, holdId, releaseReason, ct))
        {
            return NotFound();
        }
        TempData["Status"] = "The legal hold has been released.";
        return RedirectToPage(new { personId });
    }
}
