using Portfolio.Quality;

namespace Portfolio.Tests.Quality;

public sealed class SampleProposalTests
{
    static readonly DateTime Day = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    static Decision Review(long id, long assessor, long candidate, string kind, params string[] elements) =>
        new(new DecisionKey(DecisionKey.Review, id), assessor, $"Assessor {assessor}", candidate, $"Candidate {candidate}", candidate, kind, "Item", elements, "interim", Day.AddDays(id), false);

    static Decision SignOff(long id, long assessor, long candidate, string element) =>
        new(new DecisionKey(DecisionKey.SignOff, id), assessor, $"Assessor {assessor}", candidate, $"Candidate {candidate}", candidate, null, null, [element], "summative", Day.AddDays(id), false);

    static SamplingPlan Plan(params AssessorRate[] rates) => new(1, "Q", true, true, true, true, rates);

    static readonly IReadOnlyList<Decision> Decisions =
    [
        Review(1, 10, 100, "action-plan", "1.1"), Review(2, 10, 100, "action-plan", "1.1"), Review(3, 10, 101, "action-plan", "1.1"),
        Review(4, 10, 101, "action-plan", "1.1"), Review(5, 10, 100, "reflective-account", "2.1"), Review(6, 10, 100, "action-plan", "1.1"),
        Review(7, 10, 101, "action-plan", "1.1"), Review(8, 10, 100, "action-plan", "1.1"),
        Review(9, 20, 102, "progress-review", "1.2"), Review(10, 20, 102, "progress-review", "1.2"), SignOff(11, 20, 102, "1.2"),
    ];

    [Fact]
    public void The_proposal_covers_every_assessor_candidate_kind_element_and_decision_type_and_meets_each_rate()
    {
        var plan = Plan(new AssessorRate(10, "A", AssessorStatus.Established, 25), new AssessorRate(20, "B", AssessorStatus.New, 100));

        var proposal = SampleProposal.Propose(Decisions, plan);

        Assert.True(proposal.Count(d => d.AssessorId == 10) >= 2);
        Assert.Equal(3, proposal.Count(d => d.AssessorId == 20));
        Assert.Equal(["action-plan", "progress-review", "reflective-account"], proposal.Select(d => d.EvidenceKind).OfType<string>().Distinct().Order());
        Assert.Equal(["1.1", "1.2", "2.1"], proposal.SelectMany(d => d.ElementCodes).Distinct().Order());
        Assert.Equal([100L, 101, 102], proposal.Select(d => d.CandidateId).Distinct().Order());
        Assert.Contains(proposal, d => d.DecisionType == "summative");
        Assert.Equal(proposal.Select(d => d.Key), SampleProposal.Propose(Decisions.Reverse().ToList(), plan).Select(d => d.Key));
    }

    [Fact]
    public void Decisions_already_sampled_count_towards_the_rate_and_the_coverage()
    {
        var sampled = Decisions.Select(d => d.Key.Id is 1 or 3 or 5 ? d with { Sampled = true } : d).Where(d => d.AssessorId == 10).ToList();

        var proposal = SampleProposal.Propose(sampled, Plan(new AssessorRate(10, "A", AssessorStatus.Established, 25)));

        Assert.Empty(proposal);
    }

    [Fact]
    public void A_flagged_assessor_at_half_gets_half_their_decisions_rounded_up_oldest_first()
    {
        var proposal = SampleProposal.Propose(Decisions.Where(d => d.AssessorId == 20).ToList(),
            new SamplingPlan(1, "Q", false, false, false, false, [new AssessorRate(20, "B", AssessorStatus.Flagged, 50)]));

        Assert.Equal([9L, 10], proposal.Select(d => d.Key.Id));
    }
}
