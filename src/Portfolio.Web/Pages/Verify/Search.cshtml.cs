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

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public (string Action, string? Query, IReadOnlyList<SearchHit> Hits, string ReviewLink) Results => ("/Verify/Search", Q, Hits, "/Verify/Evidence");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Hits = await search.SearchAsync(person.CentreId, person.Id, wholeCentre: true, Q ?? "", ct);
    }
}
