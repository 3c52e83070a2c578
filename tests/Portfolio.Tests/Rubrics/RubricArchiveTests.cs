using System.IO.Compression;
using System.Text;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class RubricArchiveTests
{
    static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void A_zipped_folder_loses_its_single_top_folder_and_loads_clean()
    {
        var read = RubricArchive.Read(Zip(("my-rubric/qualification.md", RubricBuilder.QualificationText), ("my-rubric/1.1.md", RubricBuilder.ElementText)), "my-rubric.zip");

        Assert.True(read.Succeeded);
        Assert.Equal(["qualification.md", "1.1.md"], read.Files.Select(f => f.Path));
        Assert.True(RubricLoader.Load(read.Files).Succeeded);
    }

    [Theory]
    [InlineData("../evil.md")]
    [InlineData("rubric/../../evil.md")]
    [InlineData("/etc/evil.md")]
    [InlineData("C:/evil.md")]
    public void An_entry_that_climbs_out_of_the_folder_is_refused_by_name(string name)
    {
        var read = RubricArchive.Read(Zip(("qualification.md", RubricBuilder.QualificationText), (name, "x")), "bad.zip");

        Assert.Empty(read.Files);
        Assert.Contains(read.Problems, p => p.File == "bad.zip" && p.Message.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_entries_too_much_content_and_not_a_zip_are_each_refused()
    {
        var many = RubricArchive.Read(Zip(Enumerable.Range(0, RubricArchive.MaximumEntries + 1).Select(i => ($"{i}.md", "x")).ToArray()), "many.zip");
        var big = RubricArchive.Read(Zip(("qualification.md", new string('x', (int)RubricArchive.MaximumTotalBytes + 1))), "big.zip");
        var junk = RubricArchive.Read(new MemoryStream(Encoding.UTF8.GetBytes("not a zip")), "junk.zip");

        Assert.Contains("at most", Assert.Single(many.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("MB", Assert.Single(big.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("not a zip", Assert.Single(junk.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_files_read_back_the_same()
    {
        var files = new RubricBuilder().Files;
        using var zip = new MemoryStream();
        RubricArchive.Write(files, zip);
        zip.Position = 0;

        var read = RubricArchive.Read(zip, "again.zip");

        Assert.Equal(files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path, Encoding.UTF8.GetString(f.Content))),
            read.Files.Select(f => (f.Path, Encoding.UTF8.GetString(f.Content))));
    }
}
