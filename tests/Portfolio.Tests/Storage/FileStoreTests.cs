using System.Security.Cryptography;
using Portfolio.Storage;

namespace Portfolio.Tests.Storage;

public sealed class FileStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "portfolio-store-" + Guid.NewGuid().ToString("N"));
    private readonly FileStore store;

    public FileStoreTests() => store = new FileStore(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string[] TempFiles() => Directory.GetFiles(Path.Combine(root, "tmp"));

    [Fact]
    public async Task A_saved_file_is_stored_once_under_its_hash()
    {
        byte[] pdf = SampleFiles.Pdf("Reflective account");
        string expectedHash = Convert.ToHexStringLower(SHA256.HashData(pdf));

        UploadResult first = await store.SaveAsync(new MemoryStream(pdf), 1_000_000, CancellationToken.None);
        UploadResult second = await store.SaveAsync(new MemoryStream(pdf), 1_000_000, CancellationToken.None);

        Assert.Equal(new StoredFile(expectedHash, pdf.Length, StoredFileType.Pdf), first.File);
        Assert.Equal(first.File, second.File);
        string path = Path.Combine(root, expectedHash[..2], expectedHash[2..4], expectedHash);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task A_stored_file_can_be_read_back_and_deleted()
    {
        byte[] png = SampleFiles.Png();
        StoredFile file = (await store.SaveAsync(new MemoryStream(png), 1000, CancellationToken.None)).File!;

        await using (Stream read = store.OpenRead(file.Sha256)!)
        {
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(png, copy.ToArray());
        }

        Assert.True(store.Delete(file.Sha256));
        Assert.False(store.Exists(file.Sha256));
        Assert.Null(store.OpenRead(file.Sha256));
    }

    [Fact]
    public async Task An_oversize_upload_is_refused_and_leaves_no_temp_file()
    {
        byte[] big = SampleFiles.Text(new string('a', 10_000));

        UploadResult result = await store.SaveAsync(new MemoryStream(big), 4_096, CancellationToken.None);

        Assert.Equal(UploadRejectionReason.TooLarge, result.Rejected?.Reason);
        Assert.Contains("4 KB", result.Rejected!.Message);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task An_empty_upload_is_refused()
    {
        UploadResult result = await store.SaveAsync(new MemoryStream(), 1000, CancellationToken.None);

        Assert.Equal(UploadRejectionReason.Empty, result.Rejected?.Reason);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Content_of_a_type_we_do_not_accept_is_refused_and_not_stored()
    {
        byte[] html = SampleFiles.Text("<html><body>hello</body></html>");

        UploadResult result = await store.SaveAsync(new MemoryStream(html), 1000, CancellationToken.None, "report.pdf");

        Assert.Equal(UploadRejectionReason.TypeNotAccepted, result.Rejected?.Reason);
        Assert.False(store.Exists(Convert.ToHexStringLower(SHA256.HashData(html))));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_no_temp_file()
    {
        using var cancel = new CancellationTokenSource();
        var source = new CancellingStream(SampleFiles.Text(new string('x', 300_000)), cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(source, 1_000_000, cancel.Token));

        Assert.Empty(TempFiles());
    }

    [Fact]
    public void Sweeping_removes_only_old_temp_files()
    {
        string old = Path.Combine(root, "tmp", "old.part");
        string recent = Path.Combine(root, "tmp", "recent.part");
        File.WriteAllText(old, "x");
        File.WriteAllText(recent, "x");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));

        int removed = store.SweepTemp(TimeSpan.FromDays(1));

        Assert.Equal(1, removed);
        Assert.Equal([recent], TempFiles());
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF")]
    [InlineData("")]
    public void A_name_that_is_not_a_hash_is_never_a_path(string name)
    {
        Assert.False(store.Exists(name));
        Assert.Null(store.OpenRead(name));
        Assert.False(store.Delete(name));
    }

    // Hands out data a chunk at a time and cancels after the first chunk, as a dropped connection would.
    private sealed class CancellingStream(byte[] data, CancellationTokenSource cancel) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
            await cancel.CancelAsync();
            return read;
        }
    }
}
