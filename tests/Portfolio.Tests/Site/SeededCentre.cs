using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Site;

/// <summary>
/// A centre with work in every state, for tests that visit every page each role can reach: a draft with a file, a
/// submission waiting, a returned judgement, samples and an EQA window. The administrator comes last: what their forms
/// change (roles, passwords) must not sign the others out first.
/// </summary>
public static class SeededCentre
{
    public static async Task<List<(string Role, TestPerson Person)>> ArrangeAsync(PortfolioApp app)
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "## Plan\n- **Phone** the college by Friday", "1.1.1");
        var store = new EvidenceStore(app.DataSource);
        var waiting = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.OtherDocument, content: new() { Notes = "Waiting for the assessor" });
        Assert.Equal(EvidenceRefusal.None, await store.MapAsync(e.CentreId, e.Candidate.Id, waiting, await app.PointIdAsync(e.VersionId, "1.1.2"), "Shown", null));
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, waiting, await EvidenceTestSteps.RowVersionAsync(app, waiting), true, true));
        var draft = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: new() { ClientGoals = "A college place" });
        var candidate = await app.SignedInAsync(e.Candidate);
        await EvidenceTestSteps.OnViewAsync(candidate, draft, "#upload-form",
            new() { ["upload"] = new FileUpload("notes.txt", "Session notes: phone the college."u8.ToArray(), "text/plain") });
        await QualitySteps.SampleAllAsync(app, e);
        var now = DateTime.UtcNow;
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id, now.AddDays(-1), now.AddDays(7), true, []);
        return
        [
            (Role.Candidate, e.Candidate), (Role.Assessor, e.Assessor), (Role.InternalQualityAssurer, e.Iqa),
            (Role.ExternalQualityAssurer, eqa), (Role.CentreAdministrator, admin),
        ];
    }

    /// <summary>Where each role starts.</summary>
    public static string Home(string role) => role switch
    {
        Role.Candidate => "/Portfolio",
        Role.Assessor => "/Assess",
        Role.InternalQualityAssurer => "/Verify",
        Role.ExternalQualityAssurer => "/External",
        _ => "/Admin",
    };
}
