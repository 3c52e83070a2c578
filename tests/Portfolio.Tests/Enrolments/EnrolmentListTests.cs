using Portfolio.Enrolments;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Enrolments;

/// <summary>Each way of asking for enrolments (a statement of its own) finds exactly the enrolments it should.</summary>
public sealed class EnrolmentListTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    EnrolmentStore Store => new(db.DataSource, new RubricStore(db.DataSource));

    [Fact]
    public async Task The_centre_one_assessor_and_one_candidate_each_see_their_own_enrolments()
    {
        var first = await db.EnrolledCandidateAsync();
        var second = await QualitySteps.AnotherCandidateAsync(db, first);
        await db.EnrolledCandidateAsync();

        var all = await Store.ListAsync(first.CentreId);
        var ofAssessor = await Store.ListAsync(first.CentreId, assessorId: second.Assessor.Id);
        var ofCandidate = await Store.ListAsync(first.CentreId, candidateId: first.Candidate.Id);

        Assert.Equal([first.EnrolmentId, second.EnrolmentId], all.Select(e => e.Id).Order());
        Assert.Equal(second.EnrolmentId, Assert.Single(ofAssessor).Id);
        Assert.Equal(first.EnrolmentId, Assert.Single(ofCandidate).Id);
        Assert.Equal(first.Assessor.DisplayName, Assert.Single(ofCandidate).AssessorName);
    }

    [Fact]
    public async Task One_enrolment_is_found_only_in_its_centre_and_for_its_own_assessor_or_candidate()
    {
        var first = await db.EnrolledCandidateAsync();
        var second = await QualitySteps.AnotherCandidateAsync(db, first);
        var elsewhere = await db.EnrolledCandidateAsync();

        Assert.Equal(first.EnrolmentId, Assert.Single(await Store.ListAsync(first.CentreId, enrolmentId: first.EnrolmentId)).Id);
        Assert.Single(await Store.ListAsync(first.CentreId, assessorId: first.Assessor.Id, enrolmentId: first.EnrolmentId));
        Assert.Single(await Store.ListAsync(first.CentreId, candidateId: first.Candidate.Id, enrolmentId: first.EnrolmentId));
        Assert.Empty(await Store.ListAsync(first.CentreId, assessorId: second.Assessor.Id, enrolmentId: first.EnrolmentId));
        Assert.Empty(await Store.ListAsync(first.CentreId, candidateId: second.Candidate.Id, enrolmentId: first.EnrolmentId));
        Assert.Empty(await Store.ListAsync(elsewhere.CentreId, enrolmentId: first.EnrolmentId));
    }
}
