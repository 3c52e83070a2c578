using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Qualifications;

/// <summary>
/// An uploaded CASE package before anything is stored: its tree, the levels that become units and elements (the
/// leaves below an element are its marking points) and what that makes; Import confirms.
/// </summary>
public sealed class CasePreviewModel(RubricStore rubrics, RubricImportDrafts drafts) : PageModel
{
    /// <summary>The package's tree is shown up to this many items, so a large framework still opens quickly.</summary>
    public const int ShownItems = 400;

    [BindProperty(SupportsGet = true)]
    public int? Units { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Elements { get; set; }

    public RubricImportDraft Draft { get; private set; } = null!;

    /// <summary>The draft came from a spreadsheet: its columns already say what is a unit, element and point.</summary>
    public bool FromSpreadsheet => RubricSpreadsheet.IsSpreadsheet(Draft.FileName);
    public CasePackage Package { get; private set; } = null!;
    public CaseLevels Levels { get; private set; } = null!;
    public Qualification? Result { get; private set; }
    public IReadOnlyList<RubricFile> Files { get; private set; } = [];
    public IReadOnlyList<RubricProblem> Problems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> LevelChoices { get; private set; } = [];

    /// <summary>The newest version of the same qualification, when there is one: the import updates it.</summary>
    public RubricVersionSummary? Updating { get; private set; }

    /// <summary>What the import changes in <see cref="Updating"/>, or null when it makes no new version.</summary>
    public RubricDiff? Changes { get; private set; }

    /// <summary>The import's content is <see cref="Updating"/>'s exactly: confirming makes no new version.</summary>
    public bool Identical { get; private set; }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        if (await drafts.FindAsync(centreId, id, ct) is not { } draft)
        {
            return false;
        }
        Draft = draft;
        Package = CasePackage.Read(draft.Content);
        var defaults = CaseLevels.DefaultFor(Package);
        Levels = new CaseLevels(Units ?? defaults.UnitDepth, Elements ?? defaults.ElementDepth);
        (Units, Elements) = (Levels.UnitDepth, Levels.ElementDepth);
        LevelChoices = Enumerable.Range(0, Package.Depth + 1).Select(d => new SelectListItem(LevelName(d),
            d.ToString(CultureInfo.InvariantCulture))).ToList();
        if (!Levels.FitsIn(Package))
        {
            ModelState.AddModelError(nameof(Elements), "Elements must come from the units' level or a deeper one, "
                + $"down to level {Package.Depth}");
            return true;
        }
        var code = CaseJson.CodeOf(Package);
        Updating = (await rubrics.VersionsAsync(centreId, ct: ct)).FirstOrDefault(v => v.Code == code);
        var previous = Updating is null ? null
            : RubricLoader.Load(await rubrics.FilesAsync(centreId, Updating.Id, ct)).Qualification;
        Result = CaseJson.Import(Package, Levels, previous);
        Files = RubricWriter.ToFiles(Result);
        var loaded = RubricLoader.Load(Files);
        Problems = loaded.Problems;
        // Judged on the files as the import would load them, as the store judges "content changed".
        if (Updating is not null && previous is not null && loaded.Qualification is { } imported)
        {
            Identical = imported.ContentHash() == Updating.ContentHash;
            Changes = Identical ? null : RubricDiff.Between(previous, imported);
        }
        return true;
    }

    string LevelName(int depth)
    {
        if (depth == 0)
        {
            return "Level 0: the whole framework as one";
        }
        var nodes = Package.Nodes.Where(n => n.Depth == depth).ToList();
        var types = nodes.Select(n => n.ItemType).OfType<string>().Distinct().Take(3).ToList();
        return $"Level {depth}: {CasePackage.Count(nodes.Count, "item", "items")}"
            + (types.Count > 0 ? $" ({string.Join(", ", types)})" : "");
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The rubric files the import would store, to read or edit before importing.</summary>
    public async Task<IActionResult> OnGetFilesAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Result is null)
        {
            return NotFound();
        }
        using var zip = new MemoryStream();
        RubricArchive.Write(Files, zip);
        return File(zip.ToArray(), "application/zip", $"{Result.Code}.zip");
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Result is null || Problems.Count > 0)
        {
            return Page();
        }
        var person = User.Person();
        var import = await rubrics.ImportAsync(person.CentreId, person.Id, Files, ct);
        if (!import.Succeeded)
        {
            Problems = import.Problems;
            return Page();
        }
        await drafts.DeleteAsync(person.CentreId, id, ct);
        TempData["Status"] = import.Outcome;
        return RedirectToPage("Version", new { id = import.VersionId });
    }
}
