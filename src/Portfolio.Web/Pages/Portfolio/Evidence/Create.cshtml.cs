using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

public sealed class CreateModel(EnrolmentStore enrolments, EvidenceStore evidence) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give your evidence a title")]
        [StringLength(200, ErrorMessage = "Keep the title under 200 characters")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Choose what kind of evidence this is")]
        public string? Kind { get; set; }

        public string? Model { get; set; }

        public long? EnrolmentId { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Enrolment> Enrolments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Enrolments.Count == 0 ? RedirectToPage("/Portfolio/Index") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var kind = EvidenceKinds.TryParse(Input.Kind ?? "", out var k) ? k : (EvidenceKind?)null;
        if (Input.Kind is not null && kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Choose what kind of evidence this is");
        }
        if (kind == EvidenceKind.ReflectiveAccount && ReflectiveStructure.FromKey(Input.Model) is null)
        {
            ModelState.AddModelError("Input.Model", "Choose the reflective model you will write to: Gibbs or Kolb");
        }
        var enrolment = Enrolments.Count == 1 ? Enrolments[0] : Enrolments.FirstOrDefault(e => e.Id == Input.EnrolmentId);
        if (enrolment is null)
        {
            ModelState.AddModelError("Input.EnrolmentId", "Choose the qualification this evidence is for");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = User.Person();
        var id = await evidence.CreateAsync(person.CentreId, person.Id, enrolment!.Id, kind!.Value, Input.Title, Input.Model, ct);
        return id is null ? NotFound() : RedirectToPage("Edit", new { id });
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var person = User.Person();
        Enrolments = await enrolments.ListAsync(person.CentreId, candidateId: person.Id, ct: ct);
    }
}
