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

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public (string Action, string? Query, IReadOnlyList<SearchHit> Hits, string ReviewLink) Results => ("/Assess/Search", Q, Hits, "/Assess/Review");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Hits = await search.SearchAsync(person.CentreId, person.Id, wholeCentre: false, Q ?? "", ct);
    }
}
