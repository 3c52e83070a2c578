using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class LearningHoursInRubricTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static string WithHours(string lines) =>
        RubricBuilder.QualificationText.Replace("units:", lines + "\nunits:", StringComparison.Ordinal);

    [Fact]
    public void Guided_learning_and_off_the_job_hours_are_read_from_the_qualification_file()
    {
        var q = new RubricBuilder()
            .With("qualification.md", WithHours("guided_learning_hours: 360\noff_the_job_minimum_hours: 278"))
            .LoadClean();

        Assert.Equal(360, q.GuidedLearningHours);
        Assert.Equal(278, q.OffTheJobMinimumHours);
        Assert.Equal(278, q.PlannedHours);
    }

    [Fact]
    public void A_rubric_without_hours_keeps_its_fingerprint_and_one_with_hours_gets_a_new_one()
    {
        var without = new RubricBuilder().LoadClean();
        var with = new RubricBuilder().With("qualification.md", WithHours("guided_learning_hours: 120")).LoadClean();

        Assert.Null(without.GuidedLearningHours);
        Assert.DoesNotContain("hours", System.Text.Encoding.UTF8.GetString(RubricHash.CanonicalForm(without)),
            StringComparison.Ordinal);
        Assert.NotEqual(without.ContentHash(), with.ContentHash());
    }

    [Theory]
    [InlineData("guided_learning_hours: lots", 6, "guided_learning_hours must be a whole number of hours")]
    [InlineData("off_the_job_minimum_hours: 0", 6, "off_the_job_minimum_hours 0 must be between 1 and 10,000 hours")]
    [InlineData("guided_learning_hours: 12.5", 6, "guided_learning_hours must be a whole number of hours")]
    public void Hours_that_are_not_a_sensible_whole_number_are_reported_with_file_and_line(
        string line, int lineNumber, string message)
    {
        var result = new RubricBuilder().With("qualification.md", WithHours(line)).Load();

        Assert.Null(result.Qualification);
        Assert.Contains(result.Problems, p =>
            p.File == "qualification.md" && p.Line == lineNumber && p.Message.Contains(message,
                StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_demo_rubric_names_its_hours()
    {
        var q = RubricLoader.Load(Path.Combine(RepositoryPaths.Root, "rubrics",
            "career-guidance-practice")).Qualification!;

        Assert.NotNull(q.GuidedLearningHours);
        Assert.NotNull(q.OffTheJobMinimumHours);
    }

    [Fact]
    public async Task Hours_survive_import_and_reading_the_version_back_and_the_rubric_writer()
    {
        var centre = await db.CentreAsync();
        var files = new RubricBuilder()
            .With("qualification.md", WithHours("guided_learning_hours: 200\noff_the_job_minimum_hours: 187")).Files;
        var store = new RubricStore(db.DataSource);

        var imported = await store.ImportAsync(centre, null, files);
        var tree = (await store.TreeAsync(centre, imported.VersionId!.Value))!;
        var rewritten = RubricLoader.Load(RubricWriter.ToFiles(tree)).Qualification!;

        Assert.Equal((200, 187), (tree.GuidedLearningHours, tree.OffTheJobMinimumHours));
        Assert.Equal(tree.ContentHash(), rewritten.ContentHash());
    }
}
