using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Text;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>
/// Submitting the draft: personal details found in the text and files are highlighted, and the candidate makes the
/// declarations (anonymised; client consent where a client is involved; their own work). Advice never blocks.
/// </summary>
public sealed class SubmitModel(EvidenceStore evidence) : PageModel
{
    public sealed class InputModel
    {
        public bool Anonymised { get; set; }
        public bool ClientConsent { get; set; }
        public bool Authentic { get; set; }
        public long RowVersion { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public EvidenceDetail Detail { get; private set; } = null!;
    public EvidenceAdvice Advice { get; private set; } = null!;
    public string CheckedText { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!Detail.IsEditable)
        {
            return RedirectToPage("View", new { id });
        }
        Input.RowVersion = Detail.Revision.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!Input.Anonymised)
        {
            ModelState.AddModelError("Input.Anonymised", "Confirm that you have removed anything that could identify a client or colleague");
        }
        if (EvidenceAdvice.NeedsClientConsent(Detail.Kind) && !Input.ClientConsent)
        {
            ModelState.AddModelError("Input.ClientConsent", "Confirm that the client agreed to their anonymised plan being used as evidence");
        }
        if (!Input.Authentic)
        {
            ModelState.AddModelError("Input.Authentic", "Confirm that this is your own work");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = User.Person();
        switch (await evidence.SubmitAsync(person.CentreId, person.Id, id, Input.RowVersion, Input.Anonymised, Input.ClientConsent, ct))
        {
            case EvidenceRefusal.None:
                TempData["Status"] = "Your evidence has been submitted to your assessor.";
                return RedirectToPage("View", new { id });
            case EvidenceRefusal.Stale:
                ModelState.AddModelError(string.Empty, "This evidence changed after you opened this page. Check the text below again, then submit.");
                Input.RowVersion = Detail.Revision.RowVersion;
                return Page();
            case EvidenceRefusal.Frozen:
                return RedirectToPage("View", new { id });
            case EvidenceRefusal.WitnessNeeded:
                ModelState.AddModelError(string.Empty, Detail.Witnesses.Requests.Any(r => r.Status == global::Portfolio.Witnesses.WitnessStatus.ConfirmedEarlierRevision)
                    ? "Your qualification needs a witness to confirm this evidence, and the text has changed since your witness confirmed it. Ask them to confirm it again before you submit."
                    : "Your qualification needs a witness to confirm this evidence before you submit it. Ask a witness from the evidence page, and submit once they have confirmed it.");
                return Page();
            default:
                return NotFound();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var person = User.Person();
        var detail = await evidence.OwnItemAsync(person.CentreId, person.Id, id, ct);
        if (detail is null)
        {
            return false;
        }
        Detail = detail;
        // The item's own parts, then each file's text under its name: checked, and shown, as one text.
        CheckedParts = detail.Content.Sections(detail.Kind)
            .Concat(detail.Files.Where(f => !string.IsNullOrWhiteSpace(f.ExtractedText))
                .Select(f => new TextPart(f.DisplayName, f.ExtractedText!.Trim().ReplaceLineEndings("\n"), false)))
            .ToList();
        CheckedText = TextPart.Join(CheckedParts);
        Advice = EvidenceAdvice.For(detail.Kind, detail.Content, CheckedText);
        return true;
    }

    public IReadOnlyList<TextPart> CheckedParts { get; private set; } = [];

    /// <summary>What is submitted, rendered, with personal details marked.</summary>
    public RenderedHtml CheckedHtml() => MarkdownRenderer.ToSafeHtml(CheckedText, CheckedParts, PersonalData());

    public IReadOnlyList<Highlight> PersonalData() =>
        Advice.PersonalData.Select(f => new Highlight(f.Start, f.End, "app-personal-data", f.Kind.ToString())).ToList();
}
