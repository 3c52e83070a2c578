using Portfolio.Evidence;

namespace Portfolio.Tests.Evidence;

public sealed class ReflectiveStructureTests
{
    private static string Words(int n) => string.Join(' ', Enumerable.Repeat("word", n));

    [Fact]
    public void Gibbs_has_six_stages_and_Kolb_four_each_with_a_prompt()
    {
        Assert.Equal(["description", "feelings", "evaluation", "analysis", "conclusion", "action-plan"], ReflectiveStructure.Gibbs.Stages.Select(s => s.Key));
        Assert.Equal(4, ReflectiveStructure.Kolb.Stages.Count);
        Assert.All(ReflectiveStructure.All.SelectMany(m => m.Stages), s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.DisplayName));
            Assert.False(string.IsNullOrWhiteSpace(s.Prompt));
        });
    }

    [Fact]
    public void Missing_and_thin_stages_are_reported_with_word_counts()
    {
        var text = new Dictionary<string, string?>
        {
            ["description"] = Words(60),
            ["feelings"] = Words(12),
            ["evaluation"] = "   ",
            ["analysis"] = Words(40),
        };

        IReadOnlyList<StageCheck> checks = ReflectiveStructure.Gibbs.Check(text);

        Assert.Equal(6, checks.Count);
        Assert.Equal((60, false, false), (checks[0].WordCount, checks[0].IsMissing, checks[0].IsThin));
        Assert.Equal((12, false, true), (checks[1].WordCount, checks[1].IsMissing, checks[1].IsThin));
        Assert.True(checks[2].IsMissing);
        Assert.False(checks[3].IsThin);
        Assert.True(checks[4].IsMissing && checks[5].IsMissing);
    }

    [Fact]
    public void The_thin_threshold_can_be_changed()
    {
        var text = new Dictionary<string, string?> { ["concrete-experience"] = Words(25) };

        Assert.True(ReflectiveStructure.Kolb.Check(text)[0].IsThin);
        Assert.False(ReflectiveStructure.Kolb.Check(text, thinBelowWords: 20)[0].IsThin);
    }

    [Theory]
    [InlineData("The client's follow-up went well.", 5)]
    [InlineData("**Bold** - and _this_ 3 times", 5)]
    [InlineData("", 0)]
    public void Words_are_counted_as_a_reader_would(string text, int expected) =>
        Assert.Equal(expected, ReflectiveStructure.CountWords(text));

    [Fact]
    public void A_model_is_found_by_its_key() => Assert.Same(ReflectiveStructure.Kolb, ReflectiveStructure.FromKey(" KOLB "));
}
