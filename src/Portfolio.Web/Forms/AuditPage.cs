using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Audit;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Forms;

/// <summary>
/// The audit trail of one candidate's enrolment, as every area shows it. An area says only which enrolments its
/// people may see (an assessor their own candidates; quality assurance and administration the whole centre).
/// </summary>
public abstract class AuditPage(EnrolmentStore enrolments, AuditLog audit) : PageModel
{
    /// <summary>The page where this area's people read a revision (null: they read none), linked from each entry.</summary>
    protected abstract string? RevisionPage { get; }

    public AuditTable Table => new(Entries, RevisionPage);

    public Enrolment Enrolment { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    protected abstract Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long enrolmentId, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(long enrolmentId, CancellationToken ct)
    {
        var person = User.Person();
        var found = await VisibleAsync(enrolments, person, enrolmentId, ct);
        if (found.Count == 0)
        {
            return NotFound();
        }
        Enrolment = found[0];
        Entries = await audit.ForEnrolmentAsync(person.CentreId, enrolmentId, ct: ct);
        return Page();
    }
}

/// <summary>
/// What the audit table shows: the entries, and where the viewer reads a revision an entry concerns (only submitted
/// revisions: a draft is its candidate's alone).
/// </summary>
public sealed record AuditTable(IReadOnlyList<AuditEntry> Entries, string? RevisionPage)
{
    public string? RevisionLink(AuditEntry e) => RevisionPage is { } page && e.RevisionSubmitted && e.RevisionItemId is { } item && e.RevisionNumber is { } n
        ? $"{page}?id={item}&revision={n}" : null;
}
