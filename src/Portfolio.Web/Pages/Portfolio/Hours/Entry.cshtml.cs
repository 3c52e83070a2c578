using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Hours;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Portfolio.Hours;

/// <summary>The candidate logs an activity, or changes or deletes one not yet confirmed.</summary>
public sealed class EntryModel(HoursStore hours, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public DateOnly? Date { get; set; }
        public decimal? Hours { get; set; }
        public string? Category { get; set; }
        public string? Learned { get; set; }
        public List<long> ItemIds { get; set; } = [];
        public List<string> PointCodes { get; set; } = [];
        public long Version { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public HoursEntry? Existing { get; private set; }

    /// <summary>After a refused save: show the entry as saved now beside the form.</summary>
    public bool ShowCurrent { get; private set; }
    public long EnrolmentId { get; private set; }
    public EntryChoices Choices { get; private set; } = new([], []);

    public IEnumerable<SelectListItem> CategoryChoices =>
        new[] { new SelectListItem("Choose a kind of activity", "") }.Concat(HoursCategories.All.Select(c =>
            new SelectListItem(c.Counts ? c.Label : $"{c.Label} (does not count)", c.Key)));

    public IEnumerable<SelectListItem> ItemChoices =>
        Choices.Items.Select(i => new SelectListItem(i.Title, i.Id.ToString(CultureInfo.InvariantCulture)));

    public IEnumerable<SelectListItem> PointChoices =>
        Choices.Points.Select(p => new SelectListItem($"{p.Code} {p.Text}", p.Code));

    DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    HoursViewer Viewer => new(User.Person().CentreId, User.Person().Id, HoursRole.Candidate);

    async Task<bool> LoadAsync(long? id, long? enrolmentId, CancellationToken ct)
    {
        if (id is { } entryId)
        {
            Existing = await hours.EntryAsync(Viewer, entryId, ct);
            if (Existing is null)
            {
                return false;
            }
            EnrolmentId = Existing.EnrolmentId;
        }
        else
        {
            var mine = await hours.EnrolmentsOfCandidateAsync(Viewer.CentreId, Viewer.PersonId, ct);
            if (mine.Count == 0 || (enrolmentId is { } chosen && !mine.Contains(chosen)))
            {
                return false;
            }
            EnrolmentId = enrolmentId ?? mine[0];
        }
        Choices = await hours.ChoicesAsync(EnrolmentId, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long? id, long? enrolmentId, CancellationToken ct)
    {
        if (!await LoadAsync(id, enrolmentId, ct))
        {
            return NotFound();
        }
        if (Existing is { } e)
        {
            Input = new InputModel
            {
                Date = e.Date,
                Hours = decimal.Parse((e.Minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture),
                    CultureInfo.InvariantCulture),
                Category = e.Category, Learned = e.Learned,
                ItemIds = [.. e.ItemIds], PointCodes = [.. e.PointCodes], Version = e.Version,
            };
        }
        else
        {
            Input.Date = Today;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, long? enrolmentId, CancellationToken ct)
    {
        if (!await LoadAsync(id, enrolmentId, ct))
        {
            return NotFound();
        }
        foreach (var problem in EntryRules.Check(Input.Date, Input.Hours, Input.Category, Input.Learned, Today))
        {
            ModelState.AddModelError($"Input.{problem.Field}", problem.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var input = new EntryInput(Input.Date!.Value, EntryRules.Minutes(Input.Hours!.Value), Input.Category!,
            Input.Learned!.Trim(), Input.ItemIds, Input.PointCodes);
        var (refusal, dayMinutes) = await hours.SaveEntryAsync(Viewer, EnrolmentId, id, Input.Version, input, ct);
        switch (refusal)
        {
            case HoursRefusal.NotFound:
                return NotFound();
            case HoursRefusal.DayFull:
                ModelState.AddModelError("Input.Hours", EntryRules.DayFull(input.Date, dayMinutes));
                return Page();
            case HoursRefusal.UnknownLinks:
                ModelState.AddModelError("Input.ItemIds",
                    "Link only your own evidence and this qualification's marking points");
                return Page();
            case HoursRefusal.Confirmed or HoursRefusal.Stale:
                return Conflict(refusal);
        }
        var kind = HoursCategories.Find(input.Category)!;
        TempData["Status"] = kind.Counts
            ? $"Logged {HoursProgress.Hours(input.Minutes)} hours of {kind.Label.ToLowerInvariant()}"
              + $" on {input.Date:d MMMM yyyy}."
            : $"Logged {HoursProgress.Hours(input.Minutes)} hours of {kind.Label} on {input.Date:d MMMM yyyy}."
              + " They are kept"
              + $" in your log but do not count towards your hours: {kind.NotCountedBecause}.";
        return Redirect($"/Portfolio/Hours?enrolmentId={EnrolmentId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, null, ct))
        {
            return NotFound();
        }
        var refusal = await hours.DeleteEntryAsync(Viewer, id, Input.Version, ct);
        if (refusal == HoursRefusal.NotFound)
        {
            return NotFound();
        }
        if (refusal != HoursRefusal.None)
        {
            return Conflict(refusal);
        }
        TempData["Status"] = $"Deleted the activity of {Existing!.Date:d MMMM yyyy}.";
        return Redirect($"/Portfolio/Hours?enrolmentId={EnrolmentId}");
    }

    // The entry as it is now, with the reason the save was refused; what was typed stays in the form.
    PageResult Conflict(HoursRefusal refusal)
    {
        ModelState.AddModelError("Input.Date", refusal == HoursRefusal.Confirmed
            ? "Your assessor has confirmed this activity meanwhile: it can no longer be changed"
            : "This activity was changed meanwhile (its current details are shown below): check them, then save again");
        Input.Version = Existing?.Version ?? 0;
        ShowCurrent = true;
        return Page();
    }
}
