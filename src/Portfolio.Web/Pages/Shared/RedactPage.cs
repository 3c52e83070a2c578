using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Shared;

/// <summary>
/// Redacting a passage of an item: one found by the confidentiality check (chosen on the advice beside the evidence) or
/// one typed in, with a reason. An area says who redacts, which items they see and where they read the item.
/// </summary>
public abstract class RedactPage(EvidenceStore evidence, Redaction redaction) : PageModel
{
    public sealed class InputModel
    {
        public string? Passage { get; set; }
        public string? Reason { get; set; }
        public long RowVersion { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public EvidenceDetail Detail { get; private set; } = null!;

    /// <summary>The passages the confidentiality check finds in the newest revision and its files, as the advice lists them.</summary>
    public IReadOnlyList<PersonalDataFinding> Findings { get; private set; } = [];

    protected abstract Redactor Role { get; }

    /// <summary>Where this area's people read the item, and go back to.</summary>
    public abstract string EvidenceHref(long id);

    public async Task<IActionResult> OnGetAsync(long id, int? finding, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input.RowVersion = Detail.Revision.RowVersion;
        if (finding is { } i && i >= 0 && i < Findings.Count)
        {
            Input.Passage = Findings[i].Text;
            Input.Reason = $"{Findings[i].Kind.Describe()} found by the confidentiality check";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Input.Passage))
        {
            ModelState.AddModelError("Input.Passage", "Enter the passage to redact, as it reads in the evidence");
        }
        else if (Input.Passage.Length > 2000)
        {
            ModelState.AddModelError("Input.Passage", "Redact at most 2,000 characters at a time");
        }
        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", "Say why the passage is redacted");
        }
        else if (Input.Reason.Length > 500)
        {
            ModelState.AddModelError("Input.Reason", "Keep the reason under 500 characters");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = User.Person();
        var (refusal, revisions) = await redaction.RedactAsync(person.CentreId, person.Id, Role, id, Input.Passage!.Trim(),
            Input.Reason!, Input.RowVersion, ct);
        switch (refusal)
        {
            case RedactionRefusal.None:
                TempData["Status"] = revisions.Count == 1
                    ? $"The passage now reads {Redaction.Marker} in revision {revisions[0]}."
                    : $"The passage now reads {Redaction.Marker} in revisions {string.Join(", ", revisions)}.";
                return Redirect(EvidenceHref(id));
            case RedactionRefusal.Stale:
                ModelState.AddModelError(string.Empty, "The evidence changed after you opened this page. Check the passage again, then redact.");
                Input.RowVersion = Detail.Revision.RowVersion;
                return Page();
            case RedactionRefusal.NotInText:
                ModelState.AddModelError("Input.Passage",
                    "That passage is not in the text of any revision. If it is in an uploaded file, the file has to be replaced");
                return Page();
            case RedactionRefusal.Submitted:
                ModelState.AddModelError(string.Empty, "This evidence has been submitted: ask your assessor to redact the passage.");
                return Page();
            default:
                return NotFound();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var person = User.Person();
        var detail = await evidence.GetAsync(person.CentreId, person.Id, id, wholeCentre: Role == Redactor.QualityAssurer, ct: ct);
        if (detail is null || (Role == Redactor.Candidate && detail.CandidateId != person.Id)
            || (Role != Redactor.Candidate && detail.Revisions.All(r => r.SubmittedAt is null)))
        {
            return false;
        }
        Detail = detail;
        Findings = EvidenceAdvice.Redactable(detail.Revision.Text + "\n" + string.Join("\n", detail.Files.Select(f => f.ExtractedText)));
        return true;
    }
}
