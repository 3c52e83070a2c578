using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>One sampled decision as it was when sampled; the IQA records agreement or disagreement with action points.</summary>
public sealed class SampleRecordModel(QualityStore quality) : PageModel
{
    public sealed class InputModel
    {
        public string? Outcome { get; set; }
        public string? Feedback { get; set; }
        /// <summary>One action point per line.</summary>
        public string? Actions { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public SampleRecord Sample { get; private set; } = null!;

    public static IEnumerable<SelectListItem> OutcomeChoices =>
    [
        new("Choose", ""), new(SampleOutcome.DisplayName(SampleOutcome.Agree), SampleOutcome.Agree), new(SampleOutcome.DisplayName(SampleOutcome.Disagree), SampleOutcome.Disagree),
    ];

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await quality.SampleAsync(User.Person().CentreId, id, ct) is not { } sample)
        {
            return false;
        }
        Sample = sample;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRecordAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Input.Outcome is not (SampleOutcome.Agree or SampleOutcome.Disagree))
        {
            ModelState.AddModelError("Input.Outcome", "Choose whether you agree with the assessor's decision");
        }
        if (string.IsNullOrWhiteSpace(Input.Feedback))
        {
            ModelState.AddModelError("Input.Feedback", "Give the assessor your feedback on the decision");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = User.Person();
        switch (await quality.RecordAsync(person.CentreId, person.Id, id, Input.Outcome!, Input.Feedback!, Input.Actions ?? "", ct))
        {
            case QualityRefusal.NotFound:
                return NotFound();
            case QualityRefusal.AlreadyRecorded:
                ModelState.AddModelError("", "An outcome was already recorded for this sample; it is shown below.");
                await LoadAsync(id, ct);
                return Page();
        }
        TempData["Status"] = $"Outcome recorded; {Sample.AssessorName} has been told.";
        return RedirectToPage(new { id });
    }
}
