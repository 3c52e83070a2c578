using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Assess;

/// <summary>Search within the assessor's own candidates' submitted evidence.</summary>
public sealed class SearchModel(EvidenceSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    public SearchResults Found { get; private set; } = SearchResults.None;

    public (string Action, string? Query, SearchResults Found, string ReviewLink) Results => ("/Assess/Search", Q, Found, "/Assess/Review");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Found = await search.SearchAsync(person.CentreId, person.Id, wholeCentre: false, Q ?? "", PageNumber ?? 1, ct);
    }
}
