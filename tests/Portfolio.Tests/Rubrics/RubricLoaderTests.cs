using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class RubricLoaderTests
{
    [Fact]
    public void A_valid_rubric_loads_into_a_tree()
    {
        var q = new RubricBuilder().LoadClean();

        Assert.Equal(("TST-L3", "Test qualification", 3, "Test body"), (q.Code, q.Title, q.Level, q.AwardingOrganisation));
        var element = Assert.Single(Assert.Single(q.Units).Elements);
        Assert.Equal(("1.1", "1", "Element one", "What it is about."), (element.Id, element.UnitId, element.Title, element.Synopsis));
        Assert.Equal(["1.1.1", "1.1.2"], element.MarkingPoints.Select(p => p.Id));
        Assert.Equal("Second point over two lines.", element.MarkingPoints[1].Text);
        Assert.Equal([EvidenceKind.ActionPlan, EvidenceKind.ReflectiveAccount], element.MarkingPoints[0].EvidenceKinds);
        Assert.Empty(element.MarkingPoints[1].EvidenceKinds);
    }

    [Fact]
    public void Every_shipped_rubric_folder_loads_without_problems()
    {
        var folders = Directory.GetDirectories(RepositoryPaths.Rubrics);
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var result = RubricLoader.Load(folder);
            Assert.True(result.Succeeded, folder + "\n" + string.Join("\n", result.Problems));
        }
    }
}
