using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Audit;
using Portfolio.Enrolments;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin;

/// <summary>The audit trail of a candidate of the centre: every judgement, claim, submission, sign-off and reopening.</summary>
public sealed class AuditModel(EnrolmentStore enrolments, AuditLog audit) : PageModel
{
    public Enrolment Enrolment { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long enrolmentId, CancellationToken ct)
    {
        var person = User.Person();
        var found = (await enrolments.ListAsync(person.CentreId, enrolmentId: enrolmentId, ct: ct)).SingleOrDefault();
        if (found is null)
        {
            return NotFound();
        }
        Enrolment = found;
        Entries = await audit.ForEnrolmentAsync(person.CentreId, enrolmentId, ct: ct);
        return Page();
    }
}
