using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Enrolments;

public sealed class IndexModel(EnrolmentStore enrolments) : PageModel
{
    /// <summary>Each assessor's candidates (by name), then those with no assessor yet (key null).</summary>
    public IReadOnlyList<IGrouping<long?, Enrolment>> ByAssessor { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        ByAssessor = (await enrolments.ListAsync(User.Person().CentreId, ct: ct)).GroupBy(e => e.AssessorId).ToList();
}
