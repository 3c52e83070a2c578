using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class SeedElementConverterTests
{
    private static Element LoadConverted(SeedElementConverter.Conversion converted)
    {
        Assert.Null(converted.Problem);
        var q = new RubricBuilder().Without("1.1.md").With("converted.md", converted.Markdown!).LoadClean();
        return Assert.Single(q.Elements);
    }

    [Theory]
    [InlineData("000", 3)]
    [InlineData("002", 4)]
    [InlineData("003", 8)]
    public void Every_examiner_marking_point_of_a_seed_becomes_a_marking_point(string seed, int count)
    {
        var text = File.ReadAllText(RepositoryPaths.Seed(seed));
        var seedPoints = text[text.IndexOf("Examiner Marking Points", StringComparison.Ordinal)..]
            .Split('\n').Skip(1).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..].Trim()).ToList();

        var element = LoadConverted(SeedElementConverter.Convert(text, "1.1", "1"));

        Assert.Equal(count, seedPoints.Count);
        Assert.Equal(seedPoints, element.MarkingPoints.Select(p => p.Text));
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"1.1.{i}"), element.MarkingPoints.Select(p => p.Id));
        Assert.NotEmpty(element.Synopsis);
        Assert.NotEmpty(element.KeyConcepts);
        Assert.NotEmpty(element.Guidance);
        Assert.NotEmpty(element.CommonMistakes);
    }

    [Fact]
    public void The_title_comes_from_the_first_synopsis_sentence_not_the_truncated_preview()
    {
        var text = File.ReadAllText(RepositoryPaths.Seed("000"));

        var element = LoadConverted(SeedElementConverter.Convert(text, "1.1", "1"));

        Assert.StartsWith("Structured process of assisting clients", element.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("guid\n", element.Synopsis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_passed_by_the_caller_is_used()
    {
        var text = File.ReadAllText(RepositoryPaths.Seed("002"));

        Assert.Equal("Own development", LoadConverted(SeedElementConverter.Convert(text, "1.1", "1", "Own development")).Title);
    }

    [Fact]
    public void Odd_bullets_spacing_heading_case_colons_and_line_endings_are_tolerated()
    {
        var text = "preview line that is cut o\r\n\r\n  TOPIC SYNOPSIS:  \r\nA short synopsis. With two sentences.\r"
            + "key concepts & core principles\r• First idea\r• Second idea\r   that wraps\r"
            + "## Exam tips and revision strategies:\n1. Do this\n2) Then that\n"
            + "Common Misconceptions And Mistakes To Avoid\n*  One mistake\n"
            + "\n\nExaminer marking points :\n\n   -   Point one\n\n * Point \"two\": quoted\n• Point three\n";

        var element = LoadConverted(SeedElementConverter.Convert(text, "1.1", "1"));

        Assert.Equal("A short synopsis", element.Title);
        Assert.Equal("A short synopsis. With two sentences.", element.Synopsis);
        Assert.Equal("- First idea\n- Second idea that wraps", element.KeyConcepts);
        Assert.Equal("- Do this\n- Then that", element.Guidance);
        Assert.Equal(["Point one", "Point \"two\": quoted", "Point three"], element.MarkingPoints.Select(p => p.Text));
    }

    [Theory]
    [InlineData("Topic Synopsis\nA short synopsis.\n\nKey Concepts\n- One idea\n", "has no examiner marking points")]
    [InlineData("Topic Synopsis\nA short synopsis.\n\nExaminer Marking Points\n\n", "Examiner Marking Points section is empty")]
    public void A_document_without_examiner_marking_points_is_refused_naming_them(string text, string problem)
    {
        var converted = SeedElementConverter.Convert(text, "1.1", "1");

        Assert.Null(converted.Markdown);
        Assert.Contains(problem, converted.Problem, StringComparison.Ordinal);
    }
}
