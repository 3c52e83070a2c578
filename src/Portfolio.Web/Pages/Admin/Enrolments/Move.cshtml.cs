using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Enrolments;

public sealed class MoveModel(RubricStore rubrics, EnrolmentStore enrolments) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose the version to move to")]
        public long? VersionId { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Enrolment Enrolment { get; private set; } = null!;
    public IReadOnlyList<RubricVersionSummary> Others { get; private set; } = [];

    /// <summary>After a check: what moving to the chosen version would change.</summary>
    public RubricDiff? Changes { get; private set; }

    public IEnumerable<SelectListItem> VersionChoices => Qualifications.VersionModel.ChoicesOf(Others);

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        if ((await enrolments.ListAsync(centreId, enrolmentId: id, ct: ct)).SingleOrDefault() is not { } enrolment)
        {
            return false;
        }
        Enrolment = enrolment;
        Others = (await rubrics.VersionsAsync(centreId, enrolment.QualificationId, ct)).Where(v => v.Id != enrolment.RubricVersionId).ToList();
        if (Input.VersionId is { } chosen && Others.All(v => v.Id != chosen))
        {
            ModelState.AddModelError("Input.VersionId", "Choose another version of the same qualification");
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCheckAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var centreId = User.Person().CentreId;
            Changes = RubricDiff.Between((await rubrics.TreeAsync(centreId, Enrolment.RubricVersionId, ct))!, (await rubrics.TreeAsync(centreId, Input.VersionId!.Value, ct))!);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = User.Person();
        var move = await enrolments.MoveAsync(person.CentreId, person.Id, id, Input.VersionId!.Value, ct);
        if (move is null)
        {
            return NotFound();
        }
        var number = Others.Single(v => v.Id == Input.VersionId).Number;
        var notCarried = move.NotCarried.Count == 0
            ? "Every marking point was carried over."
            : $"Not carried (the new version has no such point): {string.Join("; ", move.NotCarried.Select(p => $"{p.Id} {p.Text}"))}.";
        TempData["Status"] = $"{Enrolment.CandidateName} moved to {Enrolment.QualificationCode} version {number}: {move.PointsCarried} marking points carried over. {notCarried}";
        return RedirectToPage("Index");
    }
}
