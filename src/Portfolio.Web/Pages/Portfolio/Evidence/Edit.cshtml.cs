using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>Writing the draft revision of an item: the kind's structured form, Markdown notes with preview, and advice.</summary>
public sealed class EditModel(EvidenceStore evidence) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give your evidence a title")]
        [StringLength(200, ErrorMessage = "Keep the title under 200 characters")]
        public string Title { get; set; } = "";

        public EvidenceContent Content { get; set; } = new();

        public long RowVersion { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public EvidenceDetail Detail { get; private set; } = null!;
    public EvidenceAdvice Advice { get; private set; } = null!;
    public IReadOnlyList<EvidenceSummary> ActionPlans { get; private set; } = [];
    public bool ShowPreview { get; private set; }

    /// <summary>When a save was refused as stale: the text as it is now saved, shown beside the candidate's.</summary>
    public string? SavedMeanwhile { get; private set; }

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
        Input = new InputModel { Title = Detail.Title, Content = Detail.Content, RowVersion = Detail.Revision.RowVersion };
        Advice = EvidenceAdvice.For(Detail.Kind, Input.Content, Detail.Revision.Text);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Input.Content.Scaling is < 1 or > 10)
        {
            ModelState.AddModelError("Input.Content.Scaling", "The client's score must be a whole number from 1 to 10");
        }
        if (!ModelState.IsValid)
        {
            return Redisplay();
        }
        var person = User.Person();
        switch (await evidence.SaveDraftAsync(person.CentreId, person.Id, id, Input.Title, Input.Content, Input.RowVersion, ct))
        {
            case EvidenceRefusal.NotFound:
                return NotFound();
            case EvidenceRefusal.Frozen:
                ModelState.AddModelError(string.Empty, "This revision has been submitted, so it can no longer be changed. Start a new revision to make changes.");
                return Redisplay();
            case EvidenceRefusal.Stale:
                ModelState.AddModelError(string.Empty, "This evidence was saved from somewhere else after you opened it. Your changes are still in the form; compare them with the saved text below, then save again.");
                SavedMeanwhile = Detail.Revision.Text;
                Input.RowVersion = Detail.Revision.RowVersion;
                return Redisplay();
            default:
                TempData["Status"] = "Your evidence has been saved.";
                return RedirectToPage("Edit", new { id });
        }
    }

    /// <summary>Without JavaScript, adding a row re-displays the form with one more; nothing is saved or lost.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(long id, string row, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        switch (row)
        {
            case "step": Input.Content.Steps.Add(new PlanStepInput()); break;
            case "objective": Input.Content.Objectives.Add(new ObjectiveInput()); break;
            case "log": Input.Content.Log.Add(new LogEntryInput()); break;
        }
        return Redisplay();
    }

    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ShowPreview = true;
        return Redisplay();
    }

    /// <summary>Live preview for the page's script: the notes rendered exactly as they will be shown.</summary>
    public IActionResult OnPostPreviewFragment(string? markdown) => Partial("_Markdown", markdown);

    IActionResult Redisplay()
    {
        Advice = EvidenceAdvice.For(Detail.Kind, Input.Content, Input.Content.ToText(Detail.Kind));
        return Page();
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
        if (detail.Kind == EvidenceKind.ProgressReview)
        {
            ActionPlans = (await evidence.ListAsync(person.CentreId, person.Id, ct)).Where(e => e.EvidenceKind == EvidenceKind.ActionPlan).ToList();
        }
        // The model chosen at the start stays the model; a form cannot switch it.
        Input.Content.Model = detail.Content.Model;
        return true;
    }
}
