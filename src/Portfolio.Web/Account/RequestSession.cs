using Portfolio.Assessment;
using Portfolio.People;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Account;

/// <summary>
/// What the session check found on this request (<see cref="Accounts.CurrentAsync"/>, or kept by <see cref="SessionCache"/>):
/// the unread-notification count the page header shows and the version of everything the person's pages show, which the
/// page cache keys by. Kept for the request so neither costs a round trip of its own. A GET or HEAD changes nothing, so
/// what was found still holds; a POST that renders a page may just have changed it, so the header asks again and the
/// page cache steps aside.
/// </summary>
public static class RequestSession
{
    static readonly object Key = new();

    public static void Remember(HttpContext context, LiveSession session) => context.Items[Key] = session;

    /// <summary>The session read on this request, when it still holds (a GET or HEAD).</summary>
    public static LiveSession? Session(HttpContext context) =>
        context.Request.ChangesNothing() ? context.Items[Key] as LiveSession : null;

    /// <summary>The count for this request's header.</summary>
    public static async Task<int> UnreadForHeaderAsync(HttpContext context, Notifications notifications, long personId) =>
        Session(context) is { } session ? session.UnreadNotifications : await notifications.UnreadCountAsync(personId, context.RequestAborted);
}
