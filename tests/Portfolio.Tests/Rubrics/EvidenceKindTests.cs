using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class EvidenceKindTests
{
    [Theory]
    [InlineData("action-plan", EvidenceKind.ActionPlan)]
    [InlineData("Action plans", EvidenceKind.ActionPlan)]
    [InlineData("reflective_account", EvidenceKind.ReflectiveAccount)]
    [InlineData("PDP", EvidenceKind.DevelopmentPlan)]
    [InlineData("Personal development plan", EvidenceKind.DevelopmentPlan)]
    [InlineData("progress reviews", EvidenceKind.ProgressReview)]
    [InlineData("Observation record", EvidenceKind.Observation)]
    [InlineData("witness statement", EvidenceKind.WitnessTestimony)]
    [InlineData("Professional  discussion", EvidenceKind.ProfessionalDiscussion)]
    [InlineData("other document", EvidenceKind.OtherDocument)]
    public void Human_spellings_map_to_the_stable_key(string text, EvidenceKind expected)
    {
        Assert.True(EvidenceKinds.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void There_are_eight_kinds_each_with_a_distinct_key_that_parses_back()
    {
        Assert.Equal(8, EvidenceKinds.All.Count);
        Assert.Equal(8, EvidenceKinds.All.Select(k => k.Key()).Distinct().Count());
        Assert.All(EvidenceKinds.All, k => Assert.True(EvidenceKinds.TryParse(k.Key(), out var back) && back == k));
        Assert.False(EvidenceKinds.TryParse("interpretive dance", out _));
    }
}
