using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Audit;
using Portfolio.Enrolments;
using Portfolio.Evidence;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.External;

/// <summary>A candidate in scope, read-only: their evidence, element decisions and audit trail.</summary>
public sealed class CandidateModel(ExternalAccess access, EnrolmentStore enrolments, EvidenceStore evidence, AssessmentStore assessment, AuditLog audit) : PageModel
{
    public Enrolment Enrolment { get; private set; } = null!;
    public IReadOnlyList<EvidenceSummary> Items { get; private set; } = [];
    public IReadOnlyList<AssessmentStore.ElementStatus> Elements { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public Forms.AuditTable Table => new(Entries, "/External/Evidence");

    public async Task<IActionResult> OnGetAsync(long enrolmentId, CancellationToken ct)
    {
        var person = User.Person();
        if (!await access.EnrolmentInScopeAsync(person.CentreId, person.Id, enrolmentId, ct)
            || (await enrolments.ListAsync(person.CentreId, enrolmentId: enrolmentId, ct: ct)).SingleOrDefault() is not { } enrolment)
        {
            return NotFound();
        }
        Enrolment = enrolment;
        Items = (await evidence.ListAsync(person.CentreId, enrolment.CandidateId, ct)).Where(i => i.SubmittedAt is not null || i.LatestNumber > 1).ToList();
        Elements = await assessment.ElementsAsync(enrolmentId, ct);
        Entries = await audit.ForEnrolmentAsync(person.CentreId, enrolmentId, ct: ct);
        return Page();
    }
}
