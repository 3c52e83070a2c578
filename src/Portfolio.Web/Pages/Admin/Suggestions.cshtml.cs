using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Suggestions;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin;

/// <summary>The centre's switch for marking-point suggestions, and whether the model on this server is working.</summary>
public sealed class SuggestionsModel(SuggestionLog log, SentenceModel model) : PageModel
{
    public sealed class InputModel
    {
        public string? Enabled { get; set; }
        public long RowVersion { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Enabled { get; private set; }

    /// <summary>Why the model could not load on this node, once it has been asked for; null otherwise.</summary>
    public string? ModelFailure => model.Failure;

    public bool ModelLoaded => model.IsLoaded;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (enabled, version) = await log.SettingAsync(User.Person().CentreId, ct);
        Enabled = enabled;
        Input = new InputModel { Enabled = enabled ? "on" : "off", RowVersion = version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var person = User.Person();
        if (Input.Enabled is not ("on" or "off"))
        {
            ModelState.AddModelError("Input.Enabled", "Choose whether candidates and assessors see suggestions");
        }
        else if (!await log.SetAsync(person.CentreId, person.Id, Input.Enabled == "on", Input.RowVersion, ct))
        {
            ModelState.AddModelError(string.Empty, "Someone else changed this setting after you opened the page. "
                + "It is shown as it is now: choose again.");
        }
        if (!ModelState.IsValid)
        {
            var (enabled, version) = await log.SettingAsync(person.CentreId, ct);
            Enabled = enabled;
            Input.RowVersion = version;
            return Page();
        }
        TempData["Status"] = Input.Enabled == "on"
            ? "Suggestions are on. Evidence saved from now on gets suggestions, and drafts are being read again."
            : "Suggestions are off. Nobody in the centre sees them; the log so far is kept.";
        return RedirectToPage("Suggestions");
    }
}
