using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>Search across the whole centre's submitted evidence, for internal quality assurance.</summary>
public sealed class SearchModel(EvidenceSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    public SearchResults Found { get; private set; } = SearchResults.None;

    public (string Action, string? Query, SearchResults Found, string ReviewLink) Results => ("/Verify/Search", Q, Found, "/Verify/Evidence");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Found = await search.SearchAsync(person.CentreId, person.Id, wholeCentre: true, Q ?? "", PageNumber ?? 1, ct);
    }
}
