using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Enrolments;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Verify;

/// <summary>The IQA's way in: the centre's candidates with their assessors, audit trails and a search.</summary>
public sealed class IndexModel(EnrolmentStore enrolments) : PageModel
{
    public IReadOnlyList<Enrolment> Enrolments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Enrolments = await enrolments.ListAsync(User.Person().CentreId, ct: ct);
}
