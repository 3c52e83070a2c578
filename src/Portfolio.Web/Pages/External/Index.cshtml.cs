using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.External;

/// <summary>The EQA's way in: their access windows, and the samples and candidates in scope right now.</summary>
public sealed class IndexModel(ExternalAccess access, QualityStore quality) : PageModel
{
    public IReadOnlyList<ExternalAccessGrant> Grants { get; private set; } = [];
    public IReadOnlyList<SampleRecord> Samples { get; private set; } = [];
    public IReadOnlyList<ScopedEnrolment> Candidates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = User.Person();
        Grants = (await access.GrantsAsync(person.CentreId, person.Id, ct)).Where(g => g.RevokedAt is null).ToList();
        var ids = await access.SampleIdsAsync(person.CentreId, person.Id, ct);
        Samples = ids.Count == 0 ? [] : await quality.SamplesAsync(person.CentreId, new SampleFilter(OnlyIds: ids), ct);
        Candidates = await access.EnrolmentsAsync(person.CentreId, person.Id, ct);
    }
}
