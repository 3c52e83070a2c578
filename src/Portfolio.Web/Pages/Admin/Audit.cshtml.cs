using Portfolio.Audit;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Admin;

/// <summary>The audit trail of any candidate of the centre.</summary>
public sealed class AuditModel(EnrolmentStore enrolments, AuditLog audit) : AuditPage(enrolments, audit)
{
    protected override string? RevisionPage => null;

    protected override Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long enrolmentId, CancellationToken ct) =>
        enrolments.ListAsync(person.CentreId, enrolmentId: enrolmentId, ct: ct);
}
