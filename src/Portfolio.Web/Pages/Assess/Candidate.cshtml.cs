using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Enrolments;
using Portfolio.Evidence;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Assess;

/// <summary>One of the assessor's candidates: each element's progress, sign-off and reopening, and their evidence.</summary>
public sealed class CandidateModel(EnrolmentStore enrolments, AssessmentStore assessment, EvidenceStore evidence) : PageModel
{
    public Enrolment Enrolment { get; private set; } = null!;
    public IReadOnlyList<AssessmentStore.ElementStatus> Elements { get; private set; } = [];
    public IReadOnlyList<EvidenceSummary> Evidence { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long enrolmentId, CancellationToken ct) =>
        await LoadAsync(enrolmentId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignOffAsync(long enrolmentId, long elementId, CancellationToken ct)
    {
        if (!await LoadAsync(enrolmentId, ct))
        {
            return NotFound();
        }
        var person = User.Person();
        var refusal = await assessment.SignOffAsync(person.CentreId, person.Id, enrolmentId, elementId, ct);
        return Outcome(refusal, enrolmentId, "The element has been signed off. The candidate has been asked to confirm it.");
    }

    public async Task<IActionResult> OnPostReopenAsync(long enrolmentId, long signOffId, CancellationToken ct)
    {
        if (!await LoadAsync(enrolmentId, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Give the reason for reopening this element");
            return Page();
        }
        var person = User.Person();
        return Outcome(await assessment.ReopenAsync(person.CentreId, person.Id, signOffId, Reason, ct), enrolmentId, "The element has been reopened.");
    }

    IActionResult Outcome(AssessmentRefusal refusal, long enrolmentId, string done)
    {
        switch (refusal)
        {
            case AssessmentRefusal.None:
                TempData["Status"] = done;
                return RedirectToPage("Candidate", new { enrolmentId });
            case AssessmentRefusal.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError(string.Empty, refusal switch
                {
                    AssessmentRefusal.NotAllMet => "This element cannot be signed off yet: every marking point must be met by at least one judged piece of evidence.",
                    AssessmentRefusal.AlreadySignedOff => "This element is already signed off.",
                    _ => "That could not be done.",
                });
                return Page();
        }
    }

    async Task<bool> LoadAsync(long enrolmentId, CancellationToken ct)
    {
        var person = User.Person();
        var found = (await enrolments.ListAsync(person.CentreId, assessorId: person.Id, enrolmentId: enrolmentId, ct: ct)).SingleOrDefault();
        if (found is null)
        {
            return false;
        }
        Enrolment = found;
        Elements = await assessment.ElementsAsync(enrolmentId, ct);
        Evidence = (await evidence.ListAsync(person.CentreId, found.CandidateId, ct)).ToList();
        return true;
    }
}
