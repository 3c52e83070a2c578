using System.Text.Json;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class CaseJsonTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Qualification Demo()
    {
        var result = RubricLoader.Load(Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice"));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.Qualification!;
    }

    [Fact]
    public void Exporting_and_importing_the_demo_qualification_gives_back_the_same_tree()
    {
        var demo = Demo();

        var back = CaseJson.Import(CaseJson.Export(demo, When));

        Assert.Equal((demo.Code, demo.Title, demo.Level, demo.AwardingOrganisation), (back.Code, back.Title, back.Level, back.AwardingOrganisation));
        Assert.Equal(demo.Units.Select(u => (u.Id, u.Title)), back.Units.Select(u => (u.Id, u.Title)));
        Assert.Equal(
            demo.Elements.Select(e => (e.Id, e.UnitId, e.Title, e.Synopsis, e.KeyConcepts, e.Guidance, e.CommonMistakes)),
            back.Elements.Select(e => (e.Id, e.UnitId, e.Title, e.Synopsis, e.KeyConcepts, e.Guidance, e.CommonMistakes)));
        Assert.Equal(
            demo.MarkingPoints.Select(p => (p.Id, p.Text, string.Join(",", p.EvidenceKinds))),
            back.MarkingPoints.Select(p => (p.Id, p.Text, string.Join(",", p.EvidenceKinds))));
        Assert.Equal(demo.ContentHash(), back.ContentHash());
    }

    [Fact]
    public void The_export_is_a_CASE_package_with_stable_identifiers_and_child_associations()
    {
        var demo = Demo();

        var json = CaseJson.Export(demo, When);
        using var package = JsonDocument.Parse(json);

        var root = package.RootElement;
        Assert.Equal(demo.Title, root.GetProperty("CFDocument").GetProperty("title").GetString());
        Assert.Equal(demo.AwardingOrganisation, root.GetProperty("CFDocument").GetProperty("creator").GetString());
        var items = root.GetProperty("CFItems").EnumerateArray().ToList();
        Assert.Equal(demo.Units.Count + demo.Elements.Count() + demo.MarkingPoints.Count(), items.Count);
        Assert.All(items, i => Assert.True(Guid.TryParse(i.GetProperty("identifier").GetString(), out _)));
        Assert.Contains(items, i => i.GetProperty("humanCodingScheme").GetString() == "1.1.1" && i.GetProperty("CFItemType").GetString() == "Marking point");
        var associations = root.GetProperty("CFAssociations").EnumerateArray().ToList();
        Assert.Equal(items.Count, associations.Count);
        Assert.All(associations, a => Assert.Equal("isChildOf", a.GetProperty("associationType").GetString()));
        Assert.Equal(json, CaseJson.Export(demo, When));
    }

    [Fact]
    public void Importing_something_that_is_not_a_CASE_package_says_so() =>
        Assert.Throws<FormatException>(() => CaseJson.Import("{\"hello\": 1}"));
}
