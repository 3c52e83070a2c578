using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Verify;

/// <summary>Read-only view of any evidence in the centre, with every revision's judgements, for internal quality assurance.</summary>
public sealed class EvidenceModel(EvidenceStore evidence) : PageModel
{
    public EvidenceDetail Detail { get; private set; } = null!;
    public Review? Review { get; private set; }
    public IReadOnlyList<Judgement> Judgements { get; private set; } = [];
    public EvidenceDisplay Display => new(Detail, false, "/Verify/File");

    public async Task<IActionResult> OnGetAsync(long id, int? revision, CancellationToken ct)
    {
        var person = User.Person();
        var detail = await evidence.GetAsync(person.CentreId, person.Id, id, revision, wholeCentre: true, ct);
        if (detail is null || detail.Revision.SubmittedAt is null)
        {
            return NotFound();
        }
        Detail = detail;
        (Review, Judgements) = (detail.ReviewOf(detail.Revision), detail.JudgementsOf(detail.Revision));
        return Page();
    }
}
