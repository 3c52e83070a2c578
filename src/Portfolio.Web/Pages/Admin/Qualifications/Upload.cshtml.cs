using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Rubrics;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Admin.Qualifications;

public sealed class UploadModel(RubricStore rubrics, RubricImportDrafts drafts) : PageModel
{
    public sealed class InputModel
    {
        public IFormFile? File { get; set; }

        /// <summary>The qualification a single element file is applied to (its newest version).</summary>
        public long? QualificationId { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<RubricProblem> Problems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> QualificationChoices { get; private set; } = [];

    IReadOnlyList<RubricVersionSummary> newest = [];

    async Task LoadChoicesAsync(CancellationToken ct)
    {
        newest = (await rubrics.VersionsAsync(User.Person().CentreId, ct: ct)).GroupBy(v => v.QualificationId).Select(g => g.First()).ToList();
        QualificationChoices = [new("Not needed: the file is a whole rubric", ""), .. newest.Select(v =>
            new SelectListItem($"{v.Code}: {v.Title} (version {v.Number})", v.QualificationId.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    /// <summary>A workbook to fill in: the columns, the qualification sheet and two example rows.</summary>
    public IActionResult OnGetTemplate()
    {
        using var workbook = new MemoryStream();
        RubricSpreadsheet.Write(RubricSpreadsheet.Example, workbook);
        return File(workbook.ToArray(), RubricSpreadsheet.ContentType, "rubric-template.xlsx");
    }

    // The rows become a qualification, shown on the same preview as a CASE package before anything is stored.
    async Task<IActionResult> PreviewSpreadsheetAsync(IFormFile sheet, CancellationToken ct)
    {
        var name = Path.GetFileName(sheet.FileName);
        if (RubricUpload.SizeProblem(sheet) is { } problem)
        {
            return Refuse([problem]);
        }
        using var content = new MemoryStream();
        await sheet.CopyToAsync(content, ct);
        content.Position = 0;
        var read = RubricSpreadsheet.ReadFile(content, name);
        if (read.Points is null || read.Problems.Count > 0)
        {
            return Refuse(read.Problems);
        }
        var centreId = User.Person().CentreId;
        var chosen = newest.FirstOrDefault(v => v.QualificationId == Input.QualificationId);
        var fallback = chosen is null ? null : await rubrics.TreeAsync(centreId, chosen.Id, ct);
        var result = RubricSpreadsheet.Read(name, read.Points, read.Qualification, fallback);
        if (!result.Succeeded)
        {
            return Refuse(result.Problems);
        }
        var json = CaseJson.Export(result.Qualification!, DateTimeOffset.UnixEpoch);
        return RedirectToPage("CasePreview", new { id = await drafts.SaveAsync(centreId, name, json, ct) });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var person = User.Person();
        if (RubricUpload.IsCasePackage(Input.File))
        {
            var (json, refusal) = await RubricUpload.ReadCaseAsync(Input.File!, ct);
            if (json is null)
            {
                return Refuse(refusal.Problems);
            }
            var draft = await drafts.SaveAsync(person.CentreId, Path.GetFileName(Input.File!.FileName), json, ct);
            return RedirectToPage("CasePreview", new { id = draft });
        }
        if (Input.File is { } sheet && RubricSpreadsheet.IsSpreadsheet(sheet.FileName))
        {
            return await PreviewSpreadsheetAsync(sheet, ct);
        }
        var read = await RubricUpload.ReadAsync(Input.File, async token =>
            newest.FirstOrDefault(v => v.QualificationId == Input.QualificationId) is { } version
                ? await rubrics.FilesAsync(person.CentreId, version.Id, token)
                : null, ct);
        var import = read.Succeeded ? await rubrics.ImportAsync(person.CentreId, person.Id, read.Files, ct) : new RubricImport(read.Problems);
        if (!import.Succeeded)
        {
            return Refuse(import.Problems);
        }
        TempData["Status"] = import.Outcome;
        return RedirectToPage("Version", new { id = import.VersionId });
    }

    PageResult Refuse(IReadOnlyList<RubricProblem> problems)
    {
        Problems = problems;
        ModelState.AddModelError("Input.File", $"The rubric has {(Problems.Count == 1 ? "a problem"
            : $"{Problems.Count} problems")} listed below; nothing was imported");
        return Page();
    }
}
