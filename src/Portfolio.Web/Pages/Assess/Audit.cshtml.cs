using Portfolio.Audit;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Assess;

/// <summary>The audit trail of one of the assessor's candidates.</summary>
public sealed class AuditModel(EnrolmentStore enrolments, AuditLog audit) : AuditPage(enrolments, audit)
{
    protected override string? RevisionPage => "/Assess/Review";

    protected override Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long enrolmentId, CancellationToken ct) =>
        enrolments.ListAsync(person.CentreId, assessorId: person.Id, enrolmentId: enrolmentId, ct: ct);
}
