using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Assess;

/// <summary>The assessor's sampled decisions with the IQA's outcome: acknowledge it and complete the action points.</summary>
public sealed class SamplesModel(QualityStore quality) : PageModel
{
    public sealed class InputModel
    {
        public string? Note { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<SampleRecord> Samples { get; private set; } = [];

    /// <summary>The action whose form was posted, so its note re-displays.</summary>
    public long? PostedAction { get; private set; }

    async Task LoadAsync(CancellationToken ct)
    {
        var person = User.Person();
        Samples = await quality.SamplesAsync(person.CentreId, new SampleFilter(AssessorId: person.Id), ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(long sampleId, CancellationToken ct)
    {
        var person = User.Person();
        switch (await quality.AcknowledgeAsync(person.CentreId, person.Id, sampleId, ct))
        {
            case QualityRefusal.NotFound:
                return NotFound();
            case QualityRefusal.NotRecorded:
                ModelState.AddModelError("", "The internal quality assurer has not recorded an outcome for this sample yet.");
                await LoadAsync(ct);
                return Page();
        }
        TempData["Status"] = $"Sample {sampleId} acknowledged.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCompleteAsync(long actionId, CancellationToken ct)
    {
        var person = User.Person();
        var refusal = await quality.CompleteActionAsync(person.CentreId, person.Id, actionId, Input.Note ?? "", ct);
        if (refusal == QualityRefusal.NotFound)
        {
            return NotFound();
        }
        if (refusal == QualityRefusal.NoteNeeded)
        {
            PostedAction = actionId;
            ModelState.AddModelError($"note-{actionId}", "Say what you did to complete the action");
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = "Action marked complete; your internal quality assurer has been told.";
        return RedirectToPage();
    }
}
