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
    public void Section_headings_are_matched_whatever_their_case_colons_or_closing_hashes()
    {
        var text = RubricBuilder.ElementText.Replace("## Synopsis", "## TOPIC SYNOPSIS: ##").Replace("## Marking points", "Examiner marking points\n---");

        var element = new RubricBuilder().With("1.1.md", text).LoadClean().Elements.Single();

        Assert.Equal("What it is about.", element.Synopsis);
        Assert.Equal(2, element.MarkingPoints.Count);
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

    [Fact]
    public void The_demo_qualification_covers_the_three_seed_elements_with_evidence_kinds_on_every_point()
    {
        var demo = RubricLoader.Load(Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice")).Qualification!;

        // Seed 003 has 8 examiner points, 000 has 3 and 002 has 4; the demo adds one each to 1.1 and 1.2.
        Assert.Equal([("1.1", 9), ("1.2", 4), ("2.1", 4)], demo.Elements.Select(e => (e.Id, e.MarkingPoints.Count)));
        Assert.All(demo.MarkingPoints, p => Assert.NotEmpty(p.EvidenceKinds));
        Assert.Equal(4, demo.Level);
    }

    [Fact]
    public void Files_from_a_zip_with_a_top_folder_load_and_other_files_are_ignored()
    {
        var files = new RubricBuilder().Files
            .Select(f => new RubricFile("upload/" + f.Path, f.Content))
            .Append(new RubricFile("upload/logo.png", [0x89, 0x50]))
            .Append(new RubricFile("upload/README.md", "no front matter here"u8.ToArray()))
            .ToList();

        var result = RubricLoader.Load(files);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    [Fact]
    public void A_folder_on_disk_is_read_and_problems_name_files_relative_to_it()
    {
        var folder = Directory.CreateTempSubdirectory("rubric-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "qualification.md"), RubricBuilder.QualificationText);
            File.WriteAllText(Path.Combine(folder, "1.1.md"), RubricBuilder.ElementText.Replace("action plan,", "mime,"));

            var result = RubricLoader.Load(folder);

            Assert.Equal(["1.1.md:12: unknown evidence kind 'mime' (expected one of action-plan, reflective-account, development-plan, progress-review, observation, witness-testimony, professional-discussion, other-document)"],
                result.Problems.Select(p => p.ToString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_marking_point_written_without_its_dash_after_a_blank_line_is_reported_with_its_line()
    {
        var text = RubricBuilder.ElementText + "\n\n**1.1.3** Third point without its dash.";

        var result = new RubricBuilder().With("1.1.md", text).Load();

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("1.1.md", 16), (problem.File, problem.Line));
        Assert.Contains("is not a marking point", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_marking_point_run_on_as_a_continuation_line_of_the_point_above_is_reported_with_its_line()
    {
        var text = RubricBuilder.ElementText + "\n**1.1.3** Third point run on.";

        var result = new RubricBuilder().With("1.1.md", text).Load();

        Assert.Equal(["1.1.md:15: marking point id '1.1.3' is inside the text of '1.1.2': start each marking point on a line of its own with '- '"],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_marking_point_id_in_the_middle_of_another_points_text_is_reported()
    {
        var text = RubricBuilder.ElementText.Replace("Second point", "Second point. **1.1.3** Third point", StringComparison.Ordinal);

        var problem = Assert.Single(new RubricBuilder().With("1.1.md", text).Load().Problems);

        Assert.Equal(("1.1.md", 13), (problem.File, problem.Line));
        Assert.Contains("'1.1.3' is inside the text of '1.1.2'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_indented_block_or_sub_heading_in_marking_points_is_reported()
    {
        var text = RubricBuilder.ElementText + "\n\n### Extra\n\n    - **1.1.4** Indented too far.";

        var problems = new RubricBuilder().With("1.1.md", text).Load().Problems;

        Assert.Equal([16, 18], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Contains("is not a marking point", p.Message, StringComparison.Ordinal));
    }
}
