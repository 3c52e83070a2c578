using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Database;

/// <summary>
/// Every write to anything shown about an enrolment changes its version in the same transaction (pages cache by it);
/// writes that show nowhere, and writes to another enrolment, leave it alone.
/// </summary>
public sealed class EnrolmentVersionTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    Task<long> VersionAsync(long enrolmentId) =>
        app.ScalarAsync<long>("SELECT coalesce((SELECT version FROM enrolment_versions WHERE enrolment_id = @enrolmentId), 0)", new { enrolmentId });

    Task<long> PersonVersionAsync(long personId) =>
        app.ScalarAsync<long>("SELECT coalesce((SELECT version FROM person_versions WHERE person_id = @personId), 0)", new { personId });

    /// <summary>
    /// Runs the write and checks that it changed the enrolment's version and the page versions of its candidate and
    /// assessor (the one it had before the write), and left the bystander's enrolment and candidate alone.
    /// </summary>
    async Task ChangesAsync(EnrolledCandidate e, EnrolledCandidate bystander, string what, Func<Task> write)
    {
        var assessorId = await app.ScalarAsync<long>("SELECT assessor_id FROM enrolments WHERE id = @id", new { id = e.EnrolmentId });
        var before = (await VersionAsync(e.EnrolmentId), await PersonVersionAsync(e.Candidate.Id), await PersonVersionAsync(assessorId));
        var untouched = (await VersionAsync(bystander.EnrolmentId), await PersonVersionAsync(bystander.Candidate.Id));
        await write();
        Assert.True(await VersionAsync(e.EnrolmentId) != before.Item1, $"The enrolment's version did not change after: {what}");
        Assert.True(await PersonVersionAsync(e.Candidate.Id) != before.Item2, $"The candidate's page version did not change after: {what}");
        Assert.True(await PersonVersionAsync(assessorId) != before.Item3, $"The assessor's page version did not change after: {what}");
        Assert.True((await VersionAsync(bystander.EnrolmentId), await PersonVersionAsync(bystander.Candidate.Id)) == untouched, $"Another candidate's versions changed after: {what}");
    }

    [Fact]
    public async Task Every_write_shown_about_an_enrolment_changes_its_version()
    {
        var e = await app.EnrolledCandidateAsync();
        var bystander = await QualitySteps.AnotherCandidateAsync(app, e);
        var evidence = new EvidenceStore(app.DataSource);
        var assessment = new AssessmentStore(app.DataSource);
        Assert.NotEqual(0, await VersionAsync(e.EnrolmentId));

        long id = 0;
        await ChangesAsync(e, bystander, "starting an item", async () => id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan));
        await ChangesAsync(e, bystander, "saving a draft", async () =>
            Assert.Equal(EvidenceRefusal.None, await evidence.SaveDraftAsync(e.CentreId, e.Candidate.Id, id, "A plan", new EvidenceContent { Notes = "We agreed three steps with the client." }, await EvidenceTestSteps.RowVersionAsync(app, id))));
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");
        await ChangesAsync(e, bystander, "annotating", async () =>
        {
            var anchor = AnnotationAnchor.Create("We agreed three steps with the client.", 3, 9);
            Assert.Equal(EvidenceRefusal.None, (await evidence.AnnotateAsync(e.CentreId, e.Candidate.Id, id, new EvidenceStore.NewAnnotation(anchor, null, null, "Agreement", [point]))).Refusal);
        });
        await ChangesAsync(e, bystander, "mapping", async () =>
            Assert.Equal(EvidenceRefusal.None, await evidence.MapAsync(e.CentreId, e.Candidate.Id, id, point, "Shown", null)));
        await ChangesAsync(e, bystander, "submitting", async () =>
            Assert.Equal(EvidenceRefusal.None, await evidence.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true)));
        await ChangesAsync(e, bystander, "judging and returning", async () =>
            Assert.Equal(AssessmentRefusal.None, await assessment.JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, [new JudgementInput(point, Outcome.Met, "Clear.")], [], "Good.", true)));
        await ChangesAsync(e, bystander, "the candidate answering feedback", async () =>
            Assert.Equal(AssessmentRefusal.None, await assessment.RespondAsync(e.CentreId, e.Candidate.Id, id, 1, "Thank you.")));
        await ChangesAsync(e, bystander, "renaming the assessor", () =>
            app.ScalarAsync<int>("UPDATE people SET display_name = 'Renamed Assessor' WHERE id = @id RETURNING 1", new { id = e.Assessor.Id }));
        var newAssessor = await PersonVersionAsync(bystander.Assessor.Id);
        await ChangesAsync(e, bystander, "moving the candidate to another assessor", async () =>
            await app.ScalarAsync<int>("UPDATE enrolments SET assessor_id = @a WHERE id = @id RETURNING 1", new { a = bystander.Assessor.Id, id = e.EnrolmentId }));
        Assert.NotEqual(newAssessor, await PersonVersionAsync(bystander.Assessor.Id));

        var quiet = (await VersionAsync(e.EnrolmentId), await PersonVersionAsync(e.Candidate.Id));
        var accounts = new Accounts(app.DataSource, TimeProvider.System, SessionLimits.Default);
        Assert.Equal(Accounts.Outcome.WrongEmailOrPassword, (await accounts.AttemptSignInAsync(e.Candidate.Email, "not the password", null)).Outcome);
        Assert.Equal(Accounts.Outcome.SignedIn, (await accounts.AttemptSignInAsync(e.Candidate.Email, TestDatabase.Password, null)).Outcome);
        Assert.Equal(quiet, (await VersionAsync(e.EnrolmentId), await PersonVersionAsync(e.Candidate.Id)));
    }
}
