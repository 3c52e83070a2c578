using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class WitnessRequiredInRubricTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static string With(string lines) =>
        RubricBuilder.QualificationText.Replace("units:", lines + "\nunits:", StringComparison.Ordinal);

    [Fact]
    public void The_kinds_needing_a_witness_are_read_from_the_front_matter_in_any_usual_spelling()
    {
        var q = new RubricBuilder().With("qualification.md", With("witness_required: [witness testimony, Observation records]"))
            .LoadClean();

        Assert.Equal([EvidenceKind.WitnessTestimony, EvidenceKind.Observation], q.WitnessRequired);
    }

    [Theory]
    [InlineData("witness_required: [reflective account]", "witness_required lists 'reflective-account', which a witness cannot confirm")]
    [InlineData("witness_required: [hearsay]", "unknown evidence kind 'hearsay' in witness_required")]
    public void A_kind_a_witness_cannot_confirm_is_reported_with_file_and_line(string line, string message)
    {
        var result = new RubricBuilder().With("qualification.md", With(line)).Load();

        Assert.Null(result.Qualification);
        Assert.Contains(result.Problems, p => p.File == "qualification.md" && p.Line == 6
            && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_kinds_survive_import_reading_back_and_the_rubric_writer_and_change_the_fingerprint()
    {
        var centre = await db.CentreAsync();
        var files = new RubricBuilder().With("qualification.md", With("witness_required: observation")).Files;
        var store = new RubricStore(db.DataSource);

        var imported = await store.ImportAsync(centre, null, files);
        var tree = (await store.TreeAsync(centre, imported.VersionId!.Value))!;
        var rewritten = RubricLoader.Load(RubricWriter.ToFiles(tree)).Qualification!;

        Assert.Equal([EvidenceKind.Observation], tree.WitnessRequired);
        Assert.Equal(tree.ContentHash(), rewritten.ContentHash());
        Assert.NotEqual(new RubricBuilder().LoadClean().ContentHash(), tree.ContentHash());
    }
}
