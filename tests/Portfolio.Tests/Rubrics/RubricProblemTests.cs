using System.Text;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class RubricProblemTests
{
    private const string ElementHead = """
        ---
        id: "1.1"
        unit: "1"
        title: Element one
        ---

        ## Synopsis
        What it is about.

        ## Marking points

        """;

    private static RubricLoadResult LoadWithElement(string markingPoints) =>
        new RubricBuilder().With("1.1.md", ElementHead + markingPoints).Load();

    private static void AssertProblem(RubricLoadResult result, string file, int line, string fragment)
    {
        Assert.Null(result.Qualification);
        Assert.Contains(result.Problems, p => p.File == file && p.Line == line && p.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void A_problem_prints_as_file_colon_line_colon_message() =>
        Assert.Equal("1.1.md:12: unknown thing", new RubricProblem("1.1.md", 12, "unknown thing").ToString());

    [Fact]
    public void A_missing_qualification_file_is_reported()
    {
        var result = new RubricBuilder().Without("qualification.md").Load();

        AssertProblem(result, "qualification.md", 0, "there is no qualification.md");
    }

    [Fact]
    public void Unparseable_front_matter_is_reported()
    {
        var result = new RubricBuilder().With("qualification.md", "---\ncode: X\ntitle: [unclosed\nlevel: 3\n---\n").Load();

        Assert.Contains(result.Problems, p => p.File == "qualification.md" && p.Message.Contains("not valid YAML", StringComparison.Ordinal));
        Assert.Null(result.Qualification);
    }

    [Fact]
    public void Invalid_YAML_is_reported_on_the_line_where_it_goes_wrong() =>
        AssertProblem(new RubricBuilder().With("1.1.md", RubricBuilder.ElementText.Replace("title: Element one", "title: Element: one: two")).Load(),
            "1.1.md", 4, "not valid YAML");

    [Fact]
    public void A_file_without_front_matter_is_reported_on_line_1()
    {
        var result = new RubricBuilder().With("1.1.md", "## Marking points\n- **1.1.1** A point.\n").Load();

        AssertProblem(result, "1.1.md", 1, "no front matter");
    }

    [Fact]
    public void A_missing_required_front_matter_key_is_reported()
    {
        var result = new RubricBuilder().With("1.1.md", RubricBuilder.ElementText.Replace("title: Element one\n", "")).Load();

        AssertProblem(result, "1.1.md", 2, "has no 'title'");
    }

    [Fact]
    public void A_misspelt_front_matter_key_is_reported_with_its_line()
    {
        var result = new RubricBuilder().With("qualification.md", RubricBuilder.QualificationText.Replace("awarding_organisation", "awarding_organization")).Load();

        AssertProblem(result, "qualification.md", 5, "unknown key 'awarding_organization'");
        AssertProblem(result, "qualification.md", 2, "has no 'awarding_organisation'");
    }

    [Fact]
    public void A_level_that_is_not_a_number_is_reported() =>
        AssertProblem(new RubricBuilder().With("qualification.md", RubricBuilder.QualificationText.Replace("level: 3", "level: three")).Load(),
            "qualification.md", 4, "whole number");

    [Fact]
    public void A_duplicate_marking_point_id_is_reported_with_its_line() =>
        AssertProblem(LoadWithElement("- **1.1.1** One.\n- **1.1.2** Two.\n- **1.1.1** Three.\n"), "1.1.md", 13, "duplicate marking point id '1.1.1' (first used at 1.1.md:11)");

    [Fact]
    public void A_marking_point_id_used_in_another_element_is_a_duplicate()
    {
        var other = "---\nid: \"1\"\nunit: \"1\"\ntitle: Broad element\n---\n## Marking points\n- **1.1.1** Same id as elsewhere.\n";

        var result = new RubricBuilder().With("0-broad.md", other).Load();

        Assert.Single(result.Problems, p => p.Message.StartsWith("duplicate marking point id '1.1.1'", StringComparison.Ordinal));
        Assert.Null(result.Qualification);
    }

    [Fact]
    public void A_marking_point_without_an_id_is_reported_with_its_line() =>
        AssertProblem(LoadWithElement("- **1.1.1** One.\n- Two has no id.\n"), "1.1.md", 12, "marking point has no id");

    [Fact]
    public void A_marking_point_with_no_text_is_reported() =>
        AssertProblem(LoadWithElement("- **1.1.1**\n"), "1.1.md", 11, "'1.1.1' has no text");

    [Fact]
    public void A_marking_point_id_not_starting_with_its_element_id_is_reported() =>
        AssertProblem(LoadWithElement("- **1.1.1** One.\n- **1.2.1** Belongs elsewhere.\n"), "1.1.md", 12, "does not start with its element id '1.1.'");

    [Fact]
    public void An_unknown_evidence_kind_is_reported_on_the_evidence_line() =>
        AssertProblem(LoadWithElement("- **1.1.1** One\n  over two lines.\n  *Evidence: action plan, interpretive dance*\n"), "1.1.md", 13, "unknown evidence kind 'interpretive dance'");

    [Fact]
    public void An_element_with_no_marking_points_is_reported_at_its_heading() =>
        AssertProblem(LoadWithElement("Nothing listed yet.\n"), "1.1.md", 10, "element '1.1' has no marking points");

    [Fact]
    public void A_duplicate_element_id_is_reported_in_the_second_file() =>
        AssertProblem(new RubricBuilder().With("copy.md", RubricBuilder.ElementText.Replace("1.1.", "1.1.9")).Load(),
            "copy.md", 2, "duplicate element id '1.1' (first used at 1.1.md:2)");

    [Fact]
    public void An_element_naming_an_unknown_unit_is_reported_on_the_unit_line() =>
        AssertProblem(new RubricBuilder().With("1.1.md", RubricBuilder.ElementText.Replace("unit: \"1\"", "unit: \"7\"")).Load(),
            "1.1.md", 3, "unit '7' is not a unit of the qualification");

    [Fact]
    public void A_unit_with_no_elements_is_reported_on_its_id_line()
    {
        var qualification = RubricBuilder.QualificationText.Replace("    title: Unit one\n", "    title: Unit one\n  - id: \"2\"\n    title: Unit two\n");

        AssertProblem(new RubricBuilder().With("qualification.md", qualification).Load(), "qualification.md", 9, "unit '2' has no elements");
    }

    [Fact]
    public void An_unknown_section_heading_is_reported() =>
        AssertProblem(new RubricBuilder().With("1.1.md", RubricBuilder.ElementText.Replace("## Synopsis", "## Synopses")).Load(),
            "1.1.md", 7, "unknown section 'synopses'");

    [Fact]
    public void A_file_that_is_not_UTF8_is_reported_with_the_line_of_the_bad_byte()
    {
        var latin1 = Encoding.Latin1.GetBytes(RubricBuilder.ElementText.Replace("Element one", "Élément one"));

        AssertProblem(new RubricBuilder().With("1.1.md", latin1).Load(), "1.1.md", 4, "not valid UTF-8");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_nothing_is_loaded()
    {
        var result = new RubricBuilder()
            .With("qualification.md", RubricBuilder.QualificationText.Replace("level: 3", "level: x"))
            .With("1.1.md", ElementHead + "- **1.1.1** One.\n- **1.1.1** Again.\n- **9.9** Stray.\n  *Evidence: telepathy*\n")
            .With("2.1.md", "---\nid: \"2.1\"\nunit: \"2\"\ntitle: Orphan\n---\n## Marking points\n- **2.1.1** Fine.\n")
            .Load();

        Assert.Null(result.Qualification);
        Assert.Collection(result.Problems,
            p => Assert.StartsWith("1.1.md:12: duplicate marking point id '1.1.1'", p.ToString(), StringComparison.Ordinal),
            p => Assert.StartsWith("1.1.md:13: marking point id '9.9' does not start", p.ToString(), StringComparison.Ordinal),
            p => Assert.StartsWith("1.1.md:14: unknown evidence kind 'telepathy'", p.ToString(), StringComparison.Ordinal),
            p => Assert.StartsWith("2.1.md:3: unit '2' is not a unit", p.ToString(), StringComparison.Ordinal),
            p => Assert.StartsWith("qualification.md:4: level 'x'", p.ToString(), StringComparison.Ordinal));
    }
}
