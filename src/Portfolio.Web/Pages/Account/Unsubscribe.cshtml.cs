using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Mail;

namespace Portfolio.Web.Pages.Account;

/// <summary>
/// Where an email's "stop emails like this" link lands, with no sign-in. Opening it (GET, which mail scanners follow)
/// only asks; the button (POST) stops that kind. Mail programs post the same address for RFC 8058 one-click
/// unsubscribe, with no antiforgery token: the signed token is what proves the link came from the person's email.
/// A malformed or altered token, or one for a person no longer active, gets a page saying so.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(UnsubscribeLinks links, NotificationPreferences preferences) : PageModel
{
    public enum LinkState { Invalid, Asking, Stopped }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LinkState State { get; private set; } = LinkState.Invalid;

    /// <summary>What the link stops, in words ("emails when your assessor returns evidence to you").</summary>
    public string What { get; private set; } = "";

    async Task<(long PersonId, string Kind)?> ReadAsync(CancellationToken ct)
    {
        if (await links.ReadAsync(Token, ct) is not { } link)
        {
            return null;
        }
        What = NotificationKinds.Describe(link.Kind);
        return link;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await ReadAsync(ct) is { } link && await preferences.IsActiveAsync(link.PersonId, ct))
        {
            State = LinkState.Asking;
        }
    }

    // Stopping changes nothing for a person no longer active, and says so: no separate check is needed.
    public async Task OnPostAsync(CancellationToken ct)
    {
        if (await ReadAsync(ct) is { } link
            && await preferences.StopAsync(link.PersonId, link.Kind,
                HttpContext.Connection.RemoteIpAddress?.ToString(), ct))
        {
            State = LinkState.Stopped;
        }
    }
}
