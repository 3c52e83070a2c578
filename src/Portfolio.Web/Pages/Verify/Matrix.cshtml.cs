using Portfolio.Enrolments;
using Portfolio.Matrix;
using Portfolio.People;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Verify;

/// <summary>The evidence matrix of any candidate of the centre, for internal quality assurance, on screen and as Excel.</summary>
public sealed class MatrixModel(EnrolmentStore enrolments, EvidenceMatrices matrices) : MatrixPage(enrolments, matrices)
{
    protected override async Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long? enrolmentId, CancellationToken ct) =>
        enrolmentId is null ? [] : await enrolments.ListAsync(person.CentreId, enrolmentId: enrolmentId, ct: ct);
}
