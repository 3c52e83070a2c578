using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Shared;

/// <summary>
/// What the centre's external quality assurers opened and when, newest first, a page at a time, filtered by
/// person, by window and by opened or refused, every filter in the query string. An area says only where it lives
/// and where back is.
/// </summary>
public abstract class ExternalViewsPage(ExternalAccess access, ExternalViews views) : PageModel
{
    /// <summary>This page's own address, for the filter form and the page links.</summary>
    public abstract string Address { get; }

    public abstract (string Href, string Text) Back { get; }

    [BindProperty(SupportsGet = true, Name = "eqa")]
    public long? EqaId { get; set; }

    [BindProperty(SupportsGet = true, Name = "access")]
    public long? AccessId { get; set; }

    /// <summary>"opened", "refused" or empty for both.</summary>
    [BindProperty(SupportsGet = true, Name = "outcome")]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public ExternalViewPage Views { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> EqaChoices { get; private set; } = [];
    public IReadOnlyList<SelectListItem> AccessChoices { get; private set; } = [];
    public static IReadOnlyList<SelectListItem> OutcomeChoices { get; } =
        [new("Opened and refused", ""), new("Opened", "opened"), new("Refused (not found)", "refused")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        var grants = await access.GrantsAsync(centreId, ct: ct);
        if (AccessId is { } a && grants.All(g => g.Id != a) || EqaId is { } e && grants.All(g => g.EqaId != e))
        {
            return NotFound();
        }
        var refused = Outcome switch { "opened" => false, "refused" => (bool?)true, _ => null };
        Views = await views.ListAsync(centreId, new ExternalViewFilter(EqaId, AccessId, refused, PageNumber), ct);
        EqaChoices = grants.DistinctBy(g => g.EqaId).OrderBy(g => g.EqaName, StringComparer.CurrentCulture)
            .Select(g => new SelectListItem(g.EqaName, Id(g.EqaId), g.EqaId == EqaId))
            .Prepend(new("Everyone", "")).ToList();
        AccessChoices = grants.Select(g => new SelectListItem(WindowName(g), Id(g.Id), g.Id == AccessId))
            .Prepend(new("Any time", "")).ToList();
        return Page();
    }

    public static string WindowName(ExternalAccessGrant g) => g.RevokedAt is { } revoked
        ? $"{g.EqaName}, {g.StartsAt:d MMM yyyy} to {revoked:d MMM yyyy} (revoked)"
        : $"{g.EqaName}, {g.StartsAt:d MMM yyyy} to {g.EndsAt.AddDays(-1):d MMM yyyy}";

    /// <summary>The address of another page of the same list, keeping the filters.</summary>
    public string PageHref(int page)
    {
        var query = new List<string>();
        if (EqaId is { } e)
        {
            query.Add($"eqa={Id(e)}");
        }
        if (AccessId is { } a)
        {
            query.Add($"access={Id(a)}");
        }
        if (Outcome is "opened" or "refused")
        {
            query.Add($"outcome={Outcome}");
        }
        query.Add($"pageNumber={page.ToString(CultureInfo.InvariantCulture)}");
        return $"{Address}?{string.Join("&", query)}";
    }

    static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
