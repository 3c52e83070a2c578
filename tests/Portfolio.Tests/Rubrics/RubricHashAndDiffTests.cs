using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class RubricHashAndDiffTests
{
    [Fact]
    public void The_hash_is_unchanged_by_whitespace_only_edits()
    {
        var original = new RubricBuilder().LoadClean();
        var rewrapped = new RubricBuilder()
            .With("1.1.md", RubricBuilder.ElementText.Replace("- **1.1.1** First point.", "- **1.1.1**   First\n  point.").Replace("\n", "\r\n"))
            .LoadClean();

        Assert.Equal(original.ContentHash(), rewrapped.ContentHash());
        Assert.Matches("^[0-9a-f]{64}$", original.ContentHash());
    }

    [Fact]
    public void The_hash_changes_when_a_point_is_reworded()
    {
        var original = new RubricBuilder().LoadClean();
        var reworded = new RubricBuilder().With("1.1.md", RubricBuilder.ElementText.Replace("First point.", "First point, reworded.")).LoadClean();

        Assert.NotEqual(original.ContentHash(), reworded.ContentHash());
    }

    [Fact]
    public void The_hash_changes_when_an_evidence_kind_is_added()
    {
        var original = new RubricBuilder().LoadClean();
        var more = new RubricBuilder().With("1.1.md", RubricBuilder.ElementText.Replace("action plan,", "action plan, observation,")).LoadClean();

        Assert.NotEqual(original.ContentHash(), more.ContentHash());
    }

    [Fact]
    public void The_diff_reports_points_added_removed_and_reworded_and_elements_added()
    {
        var older = new RubricBuilder().LoadClean();
        var newer = new RubricBuilder()
            .With("1.1.md", RubricBuilder.ElementText
                .Replace("First point.", "First point, reworded.")
                .Replace("- **1.1.2** Second point\n  over two lines.", "- **1.1.3** Third point."))
            .With("1.2.md", "---\nid: \"1.2\"\nunit: \"1\"\ntitle: New element\n---\n## Marking points\n- **1.2.1** New.\n")
            .LoadClean();

        var diff = RubricDiff.Between(older, newer);

        Assert.Equal(["1.2"], diff.ElementsAdded.Select(e => e.Id));
        Assert.Empty(diff.ElementsRemoved);
        Assert.Equal(["1.1.3", "1.2.1"], diff.PointsAdded.Select(p => p.Id));
        Assert.Equal(["1.1.2"], diff.PointsRemoved.Select(p => p.Id));
        Assert.Equal([new RewordedMarkingPoint("1.1.1", "First point.", "First point, reworded.")], diff.PointsReworded);
    }

    [Fact]
    public void The_diff_reports_a_removed_element_and_nothing_for_an_unchanged_rubric()
    {
        var two = new RubricBuilder()
            .With("1.2.md", "---\nid: \"1.2\"\nunit: \"1\"\ntitle: Extra\n---\n## Marking points\n- **1.2.1** Extra.\n")
            .LoadClean();
        var one = new RubricBuilder().LoadClean();

        var diff = RubricDiff.Between(two, one);

        Assert.Equal(["1.2"], diff.ElementsRemoved.Select(e => e.Id));
        Assert.Equal(["1.2.1"], diff.PointsRemoved.Select(p => p.Id));
        Assert.True(RubricDiff.Between(one, new RubricBuilder().LoadClean()).IsEmpty);
    }
}
