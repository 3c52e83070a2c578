using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Qualifications;

public sealed class VersionModel(RubricStore rubrics) : PageModel
{
    public RubricVersionSummary Summary { get; private set; } = null!;
    public Qualification Tree { get; private set; } = null!;
    public IReadOnlyList<RubricVersionSummary> Others { get; private set; } = [];

    /// <summary>Source file paths, with the element each holds (null for qualification.md).</summary>
    public IReadOnlyList<(string Path, string? ElementId)> Files { get; private set; } = [];

    /// <summary>The version compared with (by default the previous one) and what changed from it to this one.</summary>
    public RubricVersionSummary? ComparedWith { get; private set; }
    public RubricDiff? Changes { get; private set; }

    [BindProperty(SupportsGet = true)]
    public long? Compare { get; set; }

    public IEnumerable<SelectListItem> CompareChoices => ChoicesOf(Others);

    /// <summary>Versions of one qualification as choices; moving an enrolment offers the same.</summary>
    public static IEnumerable<SelectListItem> ChoicesOf(IEnumerable<RubricVersionSummary> versions) =>
        versions.Select(v => new SelectListItem($"Version {v.Number} ({v.CreatedAt:yyyy-MM-dd})", v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        var all = await rubrics.VersionsAsync(centreId, ct: ct);
        if (all.FirstOrDefault(v => v.Id == id) is not { } summary || await rubrics.TreeAsync(centreId, id, ct) is not { } tree)
        {
            return false;
        }
        (Summary, Tree) = (summary, tree);
        Others = all.Where(v => v.QualificationId == summary.QualificationId && v.Id != id).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var centreId = User.Person().CentreId;
        ComparedWith = Compare is { } chosen
            ? Others.FirstOrDefault(v => v.Id == chosen)
            : Others.FirstOrDefault(v => v.Number == Summary.Number - 1);
        Compare = ComparedWith?.Id;
        if (ComparedWith is not null && await rubrics.TreeAsync(centreId, ComparedWith.Id, ct) is { } older)
        {
            Changes = RubricDiff.Between(older, Tree);
        }
        Files = (await rubrics.FilesAsync(centreId, id, ct))
            .Select(f => (f.Path, f.Path.EndsWith(RubricLoader.QualificationFileName, StringComparison.OrdinalIgnoreCase) ? null : RubricEdit.ElementIdOf(f)))
            .ToList();
        return Page();
    }

    /// <summary>The version as a CASE 1.1 package, for other competency tools.</summary>
    public async Task<IActionResult> OnGetCaseAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // The files keep the publisher's CASE identifiers, which the stored tree does not hold.
        var files = await rubrics.FilesAsync(User.Person().CentreId, id, ct);
        var json = CaseJson.Export(RubricLoader.Load(files).Qualification ?? Tree,
            new DateTimeOffset(DateTime.SpecifyKind(Summary.CreatedAt, DateTimeKind.Utc)));
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"{Summary.Code}-v{Summary.Number}.case.json");
    }

    /// <summary>The version as a spreadsheet, one marking point a row, as a spreadsheet upload reads it.</summary>
    public async Task<IActionResult> OnGetSpreadsheetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        using var workbook = new MemoryStream();
        RubricSpreadsheet.Write(Tree, workbook);
        return File(workbook.ToArray(), RubricSpreadsheet.ContentType, $"{Summary.Code}-v{Summary.Number}.xlsx");
    }

    /// <summary>The version's rubric files as a zip, ready to edit and upload again.</summary>
    public async Task<IActionResult> OnGetSourceAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        using var zip = new MemoryStream();
        RubricArchive.Write(await rubrics.FilesAsync(User.Person().CentreId, id, ct), zip);
        return File(zip.ToArray(), "application/zip", $"{Summary.Code}-v{Summary.Number}.zip");
    }
}
