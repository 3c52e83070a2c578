using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Assess;

/// <summary>A sign-off and a judgement of the same element made at the same moment.</summary>
public sealed partial class SignOffTests
{
    [Fact]
    public async Task A_not_yet_judged_while_its_element_is_being_signed_off_is_refused_or_stops_the_sign_off()
    {
        var (e, id, element) = await JudgedAsync("2.1.1", "2.1.2", "2.1.3", "2.1.4");
        var evidence = new EvidenceStore(app.DataSource);
        await evidence.ReviseAsync(e.CentreId, e.Candidate.Id, id);
        await evidence.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, false);
        var store = new AssessmentStore(app.DataSource);
        var point = await app.PointIdAsync(e.VersionId, "2.1.4");

        (AssessmentRefusal SignOff, AssessmentRefusal Judge) results;
        await using (var held = await HeldRowLock.TakeAsync(app.DataSource, "SELECT 1 FROM enrolments WHERE id = @id FOR UPDATE", new { id = e.EnrolmentId }))
        {
            var signOff = store.SignOffAsync(e.CentreId, e.Assessor.Id, e.EnrolmentId, element);
            var judge = store.JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, [new JudgementInput(point, Outcome.NotYet, "The review date is missing.")], [], "", false);
            await held.ReleaseWhenWaitingAsync(2);
            results = (await signOff, await judge);
        }

        var signedOff = await app.ScalarAsync<int>("SELECT count(*) FROM element_signoffs WHERE enrolment_id = @EnrolmentId", new { e.EnrolmentId });
        var notYet = await app.ScalarAsync<int>("SELECT count(*) FROM judgements WHERE item_id = @id AND outcome = 'not-yet'", new { id });
        Assert.True(signedOff + notYet == 1, $"sign-off {results.SignOff} ({signedOff} made), judgement {results.Judge} ({notYet} not yet)");
    }
}
