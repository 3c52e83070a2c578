using System.Text;
using Portfolio.Storage;

namespace Portfolio.Tests.Storage;

public sealed class FileSweepTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_stored_file_no_row_refers_to_is_swept_and_a_referenced_one_is_kept()
    {
        var root = Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-sweep-{Guid.NewGuid():N}");
        var files = new FileStore(root);
        var orphan = (await files.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("left behind by a failed upload")), 1024, default)).File!;
        var kept = (await files.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("recorded in the database")), 1024, default)).File!;
        await db.ScalarAsync<int>("INSERT INTO stored_files (sha256, size, mime_type) VALUES (@Sha256, @Size, 'text/plain') RETURNING 1", kept);
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        await File.WriteAllTextAsync(Path.Combine(root, "tmp", "interrupted.part"), "half an upload");

        var result = await new FileSweep(files, db.DataSource, TimeProvider.System).SweepAsync(TimeSpan.Zero);

        Assert.Equal(1, result.OrphansRemoved);
        Assert.Equal(1, result.TemporaryRemoved);
        Assert.False(files.Exists(orphan.Sha256));
        Assert.True(files.Exists(kept.Sha256));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task An_old_orphan_uploaded_again_is_dated_afresh_so_the_sweep_leaves_it_for_the_new_upload()
    {
        var root = Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-sweep-{Guid.NewGuid():N}");
        var files = new FileStore(root);
        var content = Encoding.UTF8.GetBytes("a failed upload, then the same file again");
        var sha = (await files.SaveAsync(new MemoryStream(content), 1024, default)).File!.Sha256;
        File.SetLastWriteTimeUtc(Path.Combine(root, sha[..2], sha[2..4], sha), DateTime.UtcNow.AddHours(-2));

        await files.SaveAsync(new MemoryStream(content), 1024, default);
        var result = await new FileSweep(files, db.DataSource, TimeProvider.System).SweepAsync();

        Assert.Equal(0, result.OrphansRemoved);
        Assert.True(files.Exists(sha));
        Directory.Delete(root, recursive: true);
    }
}
