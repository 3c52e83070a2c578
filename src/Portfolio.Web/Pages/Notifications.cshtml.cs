using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages;

/// <summary>The signed-in person's notifications, newest first, with marking read.</summary>
public sealed class NotificationsModel(global::Portfolio.Assessment.Notifications notifications) : PageModel
{
    public IReadOnlyList<global::Portfolio.Assessment.Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await notifications.ListAsync(User.Person().Id, ct);

    /// <summary>Marks one read and follows its link; the link is always a path of this site.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        var person = User.Person();
        var item = (await notifications.ListAsync(person.Id, ct)).FirstOrDefault(n => n.Id == id);
        if (item is null)
        {
            return NotFound();
        }
        await notifications.MarkReadAsync(person.Id, id, ct);
        return LocalRedirect(Url.IsLocalUrl(item.Link) ? item.Link : "/");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await notifications.MarkReadAsync(User.Person().Id, null, ct);
        TempData["Status"] = "All notifications are marked as read.";
        return RedirectToPage();
    }
}
