using Portfolio.Enrolments;
using Portfolio.Matrix;
using Portfolio.People;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Portfolio;

/// <summary>The candidate's own evidence matrix, on screen and as Excel.</summary>
public sealed class MatrixModel(EnrolmentStore enrolments, EvidenceMatrices matrices, Hosting.PageCache cache) : MatrixPage(enrolments, matrices, cache)
{
    protected override async Task<IReadOnlyList<Enrolment>> VisibleAsync(EnrolmentStore enrolments, SignedInPerson person, long? enrolmentId, CancellationToken ct) =>
        (await enrolments.ListAsync(person.CentreId, candidateId: person.Id, enrolmentId: enrolmentId, ct: ct)).Take(1).ToList();

    protected override string? Stamp => RequestSession.PageStamp(HttpContext);
}
