using Portfolio.Enrolments;
using Portfolio.Matrix;
using Portfolio.People;
using Portfolio.Web.Forms;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Portfolio;

/// <summary>The candidate's own evidence matrix, on screen and as Excel.</summary>
[KeptPage]
public sealed class MatrixModel(EnrolmentStore enrolments, EvidenceMatrices matrices) : MatrixPage(enrolments, matrices)
{
    protected override async Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long? enrolmentId, CancellationToken ct) =>
        (await enrolments.ListAsync(person.CentreId, candidateId: person.Id, enrolmentId: enrolmentId, ct: ct)).Take(1).ToList();
}
