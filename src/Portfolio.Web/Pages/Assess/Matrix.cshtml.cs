using Portfolio.Enrolments;
using Portfolio.Matrix;
using Portfolio.People;
using Portfolio.Web.Forms;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Assess;

/// <summary>The evidence matrix of one of the assessor's candidates, on screen and as Excel.</summary>
[KeptPage]
public sealed class MatrixModel(EnrolmentStore enrolments, EvidenceMatrices matrices) : MatrixPage(enrolments, matrices)
{
    protected override async Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long? enrolmentId, CancellationToken ct) =>
        enrolmentId is null ? [] : await enrolments.ListAsync(person.CentreId, assessorId: person.Id, enrolmentId: enrolmentId, ct: ct);
}
