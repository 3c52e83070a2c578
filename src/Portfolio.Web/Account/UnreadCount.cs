using Portfolio.Assessment;

namespace Portfolio.Web.Account;

/// <summary>
/// The unread-notification count the page header shows. It is read with the session check on every request
/// (<see cref="People.Accounts.CurrentAsync"/>), so the header costs no round trip of its own, and kept for the request.
/// </summary>
public static class UnreadCount
{
    static readonly object Key = new();

    public static void Remember(HttpContext context, int count) => context.Items[Key] = count;

    /// <summary>
    /// The count for this request's header. A GET or HEAD changes nothing, so the count read with the session still
    /// holds; a POST that renders a page may just have changed the person's notifications, so it asks again.
    /// </summary>
    public static async Task<int> ForHeaderAsync(HttpContext context, Notifications notifications, long personId) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && context.Items[Key] is int count
            ? count
            : await notifications.UnreadCountAsync(personId, context.RequestAborted);
}
