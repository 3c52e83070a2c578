using Microsoft.AspNetCore.Mvc;
using Portfolio.Evidence;
using Portfolio.Suggestions;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>"Marking points this may show": suggestions on the candidate's newest revision, to accept or dismiss.</summary>
public sealed partial class ViewModel
{
    /// <summary>The newest revision's suggestions; null on an older revision, which gets none.</summary>
    public RevisionSuggestions? Suggested { get; private set; }

    async Task LoadSuggestionsAsync(CancellationToken ct)
    {
        if (!Detail.IsLatest)
        {
            return;
        }
        var person = User.Person();
        Suggested = await suggestionStore.ForRevisionAsync(person.CentreId, Detail, hideDismissed: true,
            shownTo: HttpMethods.IsGet(Request.Method) ? person.Id : null, ct);
    }

    public async Task<IActionResult> OnPostAcceptAsync(long id, long suggestionId, CancellationToken ct)
    {
        var person = User.Person();
        var refusal = await suggestionStore.AcceptAsync(person.CentreId, person.Id, id, suggestionId, ct);
        return SuggestionOutcome(refusal, id, "The marking point is now claimed for this evidence, with the suggested passage "
            + "annotated. Add a comment to the annotation to say in your own words how it shows the point.");
    }

    public async Task<IActionResult> OnPostDismissAsync(long id, long suggestionId, CancellationToken ct)
    {
        var person = User.Person();
        var refusal = await suggestionStore.DismissAsync(person.CentreId, person.Id, id, suggestionId, ct);
        return SuggestionOutcome(refusal, id, "The suggestion has been dismissed and will not be shown for this evidence again.");
    }

    // A suggestion of another revision, item or person, or of a submitted revision, is not found: the page may be old.
    IActionResult SuggestionOutcome(EvidenceRefusal refusal, long id, string done)
    {
        if (refusal != EvidenceRefusal.None)
        {
            TempData["Status"] = "That suggestion is no longer current: the evidence has changed or been submitted since "
                + "the page was opened. The suggestions shown now are up to date.";
            return RedirectToPage("View", new { id });
        }
        TempData["Status"] = done;
        return RedirectToPage("View", new { id });
    }
}
