using System.Text.Json;
using System.Text.Json.Nodes;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class CasePackageTests
{
    static string Published(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Portfolio.Tests", "Rubrics", "CasePackages",
            name + ".json"));

    /// <summary>The package as the rubric files it makes, loaded back by the loader every rubric passes.</summary>
    static Qualification Loaded(Qualification q)
    {
        var result = RubricLoader.Load(RubricWriter.ToFiles(q));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.Qualification!;
    }

    static JsonObject Edited(string name, Action<JsonObject> edit)
    {
        var package = JsonNode.Parse(Published(name))!.AsObject();
        edit(package);
        return package;
    }

    static JsonObject WithoutCodes(JsonObject package)
    {
        foreach (var item in package["CFItems"]!.AsArray().OfType<JsonObject>())
        {
            item.Remove("humanCodingScheme");
        }
        return package;
    }

    [Fact]
    public void What_standards_could_be_imports_as_its_clusters_standards_and_components_with_the_publishers_codes()
    {
        var q = Loaded(CaseJson.Import(Published("what-standards-could-be")));

        Assert.Equal((2, 6, 12), (q.Units.Count, q.Elements.Count(), q.MarkingPoints.Count()));
        Assert.Equal(["CCSS.Math.Content.6.RP.A", "CCSS.Math.Content.7.RP.A"], q.Units.Select(u => u.Id));
        Assert.Contains(q.MarkingPoints, p => p.Id == "CCSS.Math.Content.6.RP.A.3a");
        Assert.Equal("Brandon Dorman", q.AwardingOrganisation);
        Assert.All(q.MarkingPoints, p => Assert.True(Guid.TryParse(p.CaseIdentifier, out _)));
    }

    [Fact]
    public void The_act_framework_five_levels_deep_gives_its_deepest_leaves_as_marking_points()
    {
        var q = Loaded(CaseJson.Import(Published("act-holistic-framework-math")));

        Assert.Equal((1, 1, 24), (q.Units.Count, q.Elements.Count(), q.MarkingPoints.Count()));
        Assert.Equal("H.A.MATH.GM.PF.2DFP.L1", q.Elements.Single().Id);
        Assert.Equal("H.A.MATH.GM.PF.2DFP.L1.1", q.MarkingPoints.First().Id);
        Assert.Equal("H.A.MATH.GM.PF.2DFP.L1.2", q.MarkingPoints.ElementAt(1).Id);
    }

    [Fact]
    public void A_package_without_coding_schemes_is_numbered_and_keeps_each_items_identifier()
    {
        var q = Loaded(CaseJson.Import(Published("smart-level-test")));

        Assert.Equal(["1"], q.Units.Select(u => u.Id));
        Assert.Equal(["1.1", "1.2"], q.Elements.Select(e => e.Id));
        Assert.Equal(12, q.MarkingPoints.Count());
        Assert.Equal("1.1.10", q.Elements.First().MarkingPoints[^1].Id);
        Assert.All(q.Elements, e => Assert.NotNull(e.CaseIdentifier));
        Assert.Equal(12, q.MarkingPoints.Select(p => p.CaseIdentifier).Distinct().Count());
    }

    [Fact]
    public void Guid_identifiers_without_coding_schemes_load_without_problems_under_numbered_codes()
    {
        var package = WithoutCodes(JsonNode.Parse(Published("what-standards-could-be"))!.AsObject());

        var q = Loaded(CaseJson.Import(package.ToJsonString()));

        Assert.Equal(["1", "2"], q.Units.Select(u => u.Id));
        Assert.Equal("1.3.4", q.Elements.ElementAt(2).MarkingPoints[^1].Id);
        Assert.Equal("a99194b2-fe89-42fc-97ee-969f295f88cb", q.Elements.ElementAt(2).MarkingPoints[^1].CaseIdentifier);
    }

    [Fact]
    public void Items_listed_twice_under_two_parents_or_outside_the_tree_are_read_once_and_told()
    {
        var package = Edited("what-standards-could-be", p =>
        {
            var items = p["CFItems"]!.AsArray();
            items.Add(items[3]!.DeepClone());
            items.Add(new JsonObject
            {
                ["identifier"] = "f00dfeed-0000-4000-8000-000000000001", ["fullStatement"] = "Loose",
            });
            var child = p["CFAssociations"]!.AsArray().OfType<JsonObject>()
                .First(a => (string?)a["associationType"] == "isChildOf"
                    && (string?)a["originNodeURI"]!["identifier"] == "a99194b2-fe89-42fc-97ee-969f295f88cb");
            var second = child.DeepClone().AsObject();
            second["identifier"] = "f00dfeed-0000-4000-8000-000000000002";
            second["destinationNodeURI"] = new JsonObject { ["identifier"] = "40f75f2b-8de6-4ff4-b28c-ac64c658777a" };
            p["CFAssociations"]!.AsArray().Add(second);
        });

        var read = CasePackage.Read(package.ToJsonString());
        var q = Loaded(CaseJson.Import(read, CaseLevels.DefaultFor(read), previous: null));

        Assert.Equal(12, q.MarkingPoints.Count());
        foreach (var notice in new[] { "1 item appears more than once, identically",
            "1 item is listed under more than one parent", "1 item is not in the document's tree" })
        {
            Assert.Contains(read.Notices, n => n.StartsWith(notice, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_later_package_from_the_same_publisher_keeps_the_codes_of_the_items_it_already_had()
    {
        var first = CasePackage.Read(
            WithoutCodes(JsonNode.Parse(Published("smart-level-test"))!.AsObject()).ToJsonString());
        var version1 = Loaded(CaseJson.Import(first, CaseLevels.DefaultFor(first), previous: null));
        var later = CasePackage.Read(Edited("smart-level-test", p =>
        {
            // The publisher inserts a new item before the others under Item 1.
            var item = p["CFItems"]!.AsArray()[1]!.DeepClone().AsObject();
            item["identifier"] = "f00dfeed-0000-4000-8000-000000000003";
            item["fullStatement"] = "A new first item";
            p["CFItems"]!.AsArray().Add(item);
            var child = p["CFAssociations"]!.AsArray()[2]!.DeepClone().AsObject();
            child["identifier"] = "f00dfeed-0000-4000-8000-000000000004";
            child["originNodeURI"] = new JsonObject { ["identifier"] = "f00dfeed-0000-4000-8000-000000000003" };
            child["sequenceNumber"] = 0;
            p["CFAssociations"]!.AsArray().Add(child);
        }).ToJsonString());

        var version2 = Loaded(CaseJson.Import(later, CaseLevels.DefaultFor(later), version1));

        Assert.Equal(version1.Code, version2.Code);
        foreach (var point in version1.MarkingPoints)
        {
            Assert.Equal(point.Id, version2.MarkingPoints.Single(p => p.CaseIdentifier == point.CaseIdentifier).Id);
        }
        Assert.Equal("1.1.11", version2.MarkingPoints.Single(p => p.Text == "A new first item").Id);
    }

    [Fact]
    public void An_export_of_an_imported_package_goes_back_with_the_publishers_identifiers()
    {
        var q = Loaded(CaseJson.Import(Published("what-standards-could-be")));

        using var exported = JsonDocument.Parse(CaseJson.Export(q, DateTimeOffset.UnixEpoch));

        var root = exported.RootElement;
        Assert.Equal("20c5134f-423d-4097-a971-3dd5152bf507",
            root.GetProperty("CFDocument").GetProperty("identifier").GetString());
        var identifiers = root.GetProperty("CFItems").EnumerateArray()
            .Select(i => i.GetProperty("identifier").GetString()).ToList();
        Assert.Contains("a99194b2-fe89-42fc-97ee-969f295f88cb", identifiers);
        Assert.Contains("edfce0e7-dbbf-40d5-af1a-baccabef85e9", identifiers);
    }
}
