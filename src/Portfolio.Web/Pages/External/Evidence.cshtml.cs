using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Quality;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.External;

/// <summary>An evidence item of a candidate in scope, read-only, with each submitted revision's judgements.</summary>
public sealed class EvidenceModel(ExternalAccess access, EvidenceStore evidence) : PageModel
{
    public EvidenceDetail Detail { get; private set; } = null!;
    public Review? Review { get; private set; }
    public IReadOnlyList<Judgement> Judgements { get; private set; } = [];
    public EvidenceDisplay Display => new(Detail, false, "/External/File");
    public PlanLinks PlanLinks { get; private set; } = PlanLinks.None;

    public async Task<IActionResult> OnGetAsync(long id, int? revision, CancellationToken ct)
    {
        var person = User.Person();
        if (!await access.ItemInScopeAsync(person.CentreId, person.Id, id, ct))
        {
            return NotFound();
        }
        var detail = await evidence.GetAsync(person.CentreId, person.Id, id, revision, wholeCentre: true, ct);
        if (detail is null || detail.Revision.SubmittedAt is null)
        {
            return NotFound();
        }
        Detail = detail;
        (Review, Judgements) = (detail.ReviewOf(detail.Revision), detail.JudgementsOf(detail.Revision));
        // Linked items are shown and linked only when this window reaches them too.
        var links = detail.Links;
        var allowed = new HashSet<long>();
        foreach (var linked in links.ItemIds)
        {
            if (await access.ItemInScopeAsync(person.CentreId, person.Id, linked, ct))
            {
                allowed.Add(linked);
            }
        }
        PlanLinks = links.Within(allowed);
        return Page();
    }
}
