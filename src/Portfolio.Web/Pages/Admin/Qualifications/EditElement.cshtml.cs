using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Qualifications;

public sealed class EditElementModel(RubricStore rubrics) : PageModel
{
    public sealed class InputModel
    {
        public string? Text { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public long VersionId { get; private set; }
    public string Path { get; private set; } = "";
    public RubricVersionSummary Summary { get; private set; } = null!;
    public IReadOnlyList<RubricProblem> Problems { get; private set; } = [];

    /// <summary>After a clean check: the edited element as it would be imported, and what would change.</summary>
    public Element? Preview { get; private set; }
    public RubricDiff? Changes { get; private set; }

    IReadOnlyList<RubricFile> files = [];

    async Task<bool> LoadAsync(long versionId, string? path, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        files = await rubrics.FilesAsync(centreId, versionId, ct);
        if (files.FirstOrDefault(f => f.Path == path) is not { } file)
        {
            return false;
        }
        (VersionId, Path) = (versionId, file.Path);
        Summary = (await rubrics.VersionsAsync(centreId, ct: ct)).Single(v => v.Id == versionId);
        if (!Request.HasFormContentType)
        {
            Input.Text = Encoding.UTF8.GetString(file.Content);
        }
        return true;
    }

    RubricFile Edited => new(Path, Encoding.UTF8.GetBytes(Input.Text ?? ""));

    /// <summary>An empty box is a field message, not a rubric problem: there is no element to check.</summary>
    bool IsEmpty()
    {
        if (!string.IsNullOrWhiteSpace(Input.Text))
        {
            return false;
        }
        ModelState.AddModelError("Input.Text", "Paste or write the element's Markdown");
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long versionId, string? path, CancellationToken ct) =>
        await LoadAsync(versionId, path, ct) ? Page() : NotFound();

    /// <summary>A post without a button (Enter in a field, some assistive technology) checks, as Check does.</summary>
    public Task<IActionResult> OnPostAsync(long versionId, string? path, CancellationToken ct) =>
        OnPostCheckAsync(versionId, path, ct);

    public async Task<IActionResult> OnPostCheckAsync(long versionId, string? path, CancellationToken ct)
    {
        if (!await LoadAsync(versionId, path, ct))
        {
            return NotFound();
        }
        if (IsEmpty())
        {
            return Page();
        }
        var loaded = RubricLoader.Load(RubricEdit.Replace(files, Edited));
        if (!loaded.Succeeded)
        {
            return ShowProblems(loaded.Problems);
        }
        var id = RubricEdit.ElementIdOf(Edited);
        Preview = loaded.Qualification!.Elements.FirstOrDefault(e => e.Id == id);
        Changes = RubricDiff.Between((await rubrics.TreeAsync(User.Person().CentreId, versionId, ct))!, loaded.Qualification);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long versionId, string? path, CancellationToken ct)
    {
        if (!await LoadAsync(versionId, path, ct))
        {
            return NotFound();
        }
        if (IsEmpty())
        {
            return Page();
        }
        var person = User.Person();
        var import = await rubrics.ImportAsync(person.CentreId, person.Id, RubricEdit.Replace(files, Edited), ct);
        if (!import.Succeeded)
        {
            return ShowProblems(import.Problems);
        }
        TempData["Status"] = import.Created
            ? $"Saved: {import.Code} version {import.Number} has been made from version {Summary.Number}."
            : $"Nothing changed: {import.Code} is still version {import.Number}.";
        return RedirectToPage("Version", new { id = import.VersionId });
    }

    PageResult ShowProblems(IReadOnlyList<RubricProblem> problems)
    {
        Problems = problems;
        ModelState.AddModelError("Input.Text", $"The file has {(problems.Count == 1 ? "a problem" : $"{problems.Count} problems")} listed below; nothing was saved");
        return Page();
    }
}
