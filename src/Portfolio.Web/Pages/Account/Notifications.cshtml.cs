using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Mail;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Account;

/// <summary>
/// Each person chooses, for every kind of notification their roles receive, an email straight away, one in the daily
/// digest, or none. The form carries the version it was read at; a save over a change made meanwhile (another tab, an
/// unsubscribe link) is refused with the person's own choices kept on the form.
/// </summary>
public sealed class EmailNotificationsModel(NotificationPreferences preferences, MailSettings settings) : PageModel
{
    [BindProperty]
    public Dictionary<string, string> Choices { get; set; } = [];

    [BindProperty]
    public long Version { get; set; }

    public IReadOnlyList<NotificationKind> Kinds { get; private set; } = [];

    /// <summary>What is saved now, shown beside each choice when the form was stale.</summary>
    public NotificationChoices? SavedMeanwhile { get; private set; }

    public int DigestHour => settings.DigestHour;

    public static readonly IReadOnlyList<(string Value, string Label)> Deliveries =
    [
        (NotificationKinds.Immediately, "Email me straight away"),
        (NotificationKinds.Digest, "Include it in one daily digest email"),
        (NotificationKinds.None, "Do not email me about this"),
    ];

    public static string Label(string delivery) =>
        Deliveries.FirstOrDefault(d => d.Value == delivery).Label ?? delivery;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Kinds = NotificationKinds.For(User.Person().Roles);
        var saved = await preferences.ReadAsync(User.Person().Id, ct);
        Choices = Kinds.ToDictionary(k => k.Key, k => saved.For(k.Key));
        Version = saved.Version;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var person = User.Person();
        Kinds = NotificationKinds.For(person.Roles);
        ModelState.Clear();
        foreach (var kind in Kinds)
        {
            if (!Choices.TryGetValue(kind.Key, out var value) || !NotificationKinds.Deliveries.Contains(value))
            {
                ModelState.AddModelError($"Choices[{kind.Key}]",
                    $"Choose how to hear that {kind.Title.ToLowerInvariant()}");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var chosen = Kinds.ToDictionary(k => k.Key, k => Choices[k.Key]);
        if (!await preferences.SaveAsync(person.CentreId, person.Id, chosen, Version,
                HttpContext.Connection.RemoteIpAddress?.ToString(), ct))
        {
            SavedMeanwhile = await preferences.ReadAsync(person.Id, ct);
            Version = SavedMeanwhile.Version;
            ModelState.AddModelError("", "Your email choices were changed somewhere else (another window, or a link "
                + "to stop emails) after you opened this page. Nothing was saved. Your choices are still below with "
                + "what is saved now; save again to keep yours.");
            return Page();
        }
        TempData["Status"] = "Your email choices have been saved.";
        return RedirectToPage();
    }
}
