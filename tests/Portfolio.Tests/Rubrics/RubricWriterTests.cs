using System.Text;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class RubricWriterTests
{
    static Qualification Demo() => RubricLoader.Load(Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice")).Qualification!;

    [Fact]
    public void The_demo_rubric_written_out_loads_clean_to_the_same_content_hash()
    {
        var demo = Demo();

        var again = RubricLoader.Load(RubricWriter.ToFiles(demo));

        Assert.Empty(again.Problems);
        Assert.Equal(demo.ContentHash(), again.Qualification!.ContentHash());
        Assert.Equal(demo, again.Qualification, new TreeComparer());
    }

    [Fact]
    public void A_case_package_round_trips_through_the_written_files()
    {
        var demo = Demo();

        var imported = CaseJson.Import(CaseJson.Export(demo, DateTimeOffset.UnixEpoch));
        var files = RubricWriter.ToFiles(imported);

        Assert.Equal(demo.ContentHash(), RubricLoader.Load(files).Qualification!.ContentHash());
        Assert.Contains(files, f => f.Path == "1.2-review-clients-progress-towards-their.md");
    }

    [Fact]
    public void Quotes_and_colons_in_titles_survive_the_front_matter()
    {
        var tricky = new RubricBuilder().With("qualification.md", RubricBuilder.QualificationText.Replace("title: Test qualification", "title: 'Say \"hi\": then go'", StringComparison.Ordinal)).LoadClean();

        var again = RubricLoader.Load(RubricWriter.ToFiles(tricky)).Qualification!;

        Assert.Equal("Say \"hi\": then go", again.Title);
        Assert.Equal(tricky.ContentHash(), again.ContentHash());
    }

    [Fact]
    public void Replacing_an_element_by_id_keeps_the_old_file_name()
    {
        var files = RubricWriter.ToFiles(Demo());
        var edited = new RubricFile("mine.md", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files.Single(f => f.Path.StartsWith("1.2", StringComparison.Ordinal)).Content).Replace("safe, supportive", "calm, safe", StringComparison.Ordinal)));

        var replaced = RubricEdit.Replace(files, edited);

        Assert.Equal(files.Select(f => f.Path), replaced.Select(f => f.Path));
        Assert.Contains("calm, safe", RubricLoader.Load(replaced).Qualification!.MarkingPoints.Single(p => p.Id == "1.2.1").Text, StringComparison.Ordinal);
    }

    sealed class TreeComparer : IEqualityComparer<Qualification>
    {
        public bool Equals(Qualification? x, Qualification? y) => Encoding.UTF8.GetString(RubricHash.CanonicalForm(x!)) == Encoding.UTF8.GetString(RubricHash.CanonicalForm(y!))
            && x!.Elements.Select(e => e.Synopsis + e.KeyConcepts + e.Guidance + e.CommonMistakes).SequenceEqual(y!.Elements.Select(e => e.Synopsis + e.KeyConcepts + e.Guidance + e.CommonMistakes));

        public int GetHashCode(Qualification obj) => 0;
    }
}
