using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Qualifications;

public sealed class IndexModel(RubricStore rubrics) : PageModel
{
    /// <summary>Each qualification with its versions, newest first.</summary>
    public IReadOnlyList<IGrouping<long, RubricVersionSummary>> Qualifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Qualifications = (await rubrics.VersionsAsync(User.Person().CentreId, ct: ct)).GroupBy(v => v.QualificationId).ToList();
}
