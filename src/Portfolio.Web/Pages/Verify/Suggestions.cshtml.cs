using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Lists;
using Portfolio.Suggestions;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>The centre's log of marking-point suggestions: every one shown, accepted, dismissed or added by an assessor.</summary>
public sealed class SuggestionsModel(SuggestionLog log) : PageModel
{
    public static readonly IReadOnlyList<(string Key, string Label)> Events =
    [
        ("shown", "Shown"), ("accepted", "Accepted by the candidate"), ("dismissed", "Dismissed by the candidate"),
        ("added-by-assessor", "Added by the assessor"),
    ];

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "event")]
    public string? Event { get; set; }

    public IReadOnlyList<SuggestionEvent> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, SuggestionLog.PageSize, 0);

    public static string Label(string key) => Events.FirstOrDefault(e => e.Key == key).Label ?? key;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var chosen = Events.Any(e => e.Key == Event) ? Event : null;
        Event = chosen;
        var page = Paging.Requested(PageNumber);
        var (rows, total) = await log.PageAsync(User.Person().CentreId, chosen, page, ct);
        Rows = rows;
        Paging = new Paging(page, SuggestionLog.PageSize, (int)Math.Min(total, int.MaxValue));
    }
}
