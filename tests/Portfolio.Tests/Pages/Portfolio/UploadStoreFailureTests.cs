using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Storage;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>
/// The site with its file store on a 2 MB tmpfs of its own, so a test can really fill the disk or make it read-only.
/// Mounting needs root, as the CI has; anywhere else every test here fails saying so instead of passing unseen.
/// </summary>
public sealed class SmallDiskApp : PortfolioApp
{
    /// <summary>The mount point; the store is a folder on it, so filler files stay out of the store.</summary>
    public string Disk { get; } = Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-disk-{Guid.NewGuid():N}");

    public string Store => Path.Combine(Disk, "files");

    /// <summary>Errors the site logged, with their exceptions.</summary>
    public ConcurrentQueue<(string Message, Exception? Error)> LoggedErrors { get; } = new();

    bool mounted;

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(Disk);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", Disk);
        mounted = true;
        await base.InitializeAsync();
    }

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.UseSetting("Files:Folder", Store);
        builder.UseSetting("Files:Sweep", "false"); // the tests run the sweep themselves
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new ErrorLog(LoggedErrors)));
    }

    /// <summary>Fills the disk with a file outside the store until <paramref name="leaveBytes"/> are free; disposing removes it.</summary>
    public IDisposable Fill(long leaveBytes)
    {
        var filler = Path.Combine(Disk, "filler");
        using (var stream = new FileStream(filler, FileMode.CreateNew))
        {
            var chunk = new byte[64 * 1024];
            for (var left = new DriveInfo(Disk).AvailableFreeSpace - leaveBytes; left > 0; left -= chunk.Length)
            {
                stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        }
        return new Removal(filler);
    }

    public Task ReadOnlyAsync(bool readOnly) => RunAsync("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Disk);

    public override async Task DisposeAsync()
    {
        try
        {
            if (DataSource is not null) // null when mounting failed and the site never started
            {
                await base.DisposeAsync();
            }
        }
        finally
        {
            if (mounted)
            {
                await RunAsync("umount", Disk);
            }
            Directory.Delete(Disk);
        }
    }

    static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{command} {string.Join(' ', arguments)}` failed (exit {process.ExitCode}): {error.Trim().TrimEnd('.')}. " +
                "These tests put the file store on a small tmpfs and need root to mount it; run them as root (the CI does).");
        }
    }

    sealed class Removal(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }

    sealed class ErrorLog(ConcurrentQueue<(string, Exception?)> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue((formatter(state, exception), exception));
            }
        }
        public void Dispose() { }
    }
}

/// <summary>A full or failing file store: the upload form says so, nothing is half-stored, and the same upload works once the store is back.</summary>
public sealed class UploadStoreFailureTests(SmallDiskApp app) : IClassFixture<SmallDiskApp>
{
    const string DraftNotes = "Agreed with the client: phone the college admissions team by Friday and book a review in four weeks.";

    [Fact]
    public async Task An_upload_that_does_not_fit_on_a_full_disk_is_refused_clearly_and_leaves_nothing_behind()
    {
        var (id, client, earlier) = await DraftWithAFileAsync();
        var notes = Notes("first interview", 256 * 1024);

        using (app.Fill(leaveBytes: 64 * 1024))
        {
            var refused = await UploadAsync(client, id, "interview notes.txt", notes);

            await AssertRefusedAsync(refused, notes, "No space left on device");
            await AssertNothingLeftBehindAsync(id, earlier);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, id, "interview notes.txt", notes)).StatusCode);
        Assert.True(File.Exists(StoredPath(notes)));
        Assert.Equal(2, await FileRowsAsync(id));
    }

    [Fact]
    public async Task An_upload_to_a_store_that_has_turned_read_only_is_refused_clearly_and_works_once_it_is_writable()
    {
        var (id, client, earlier) = await DraftWithAFileAsync();
        var notes = Notes("second interview", 16 * 1024);

        await app.ReadOnlyAsync(true);
        try
        {
            var refused = await UploadAsync(client, id, "review notes.txt", notes);

            await AssertRefusedAsync(refused, notes, "Read-only file system");
            await AssertNothingLeftBehindAsync(id, earlier);
        }
        finally
        {
            await app.ReadOnlyAsync(false);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, id, "review notes.txt", notes)).StatusCode);
        Assert.Equal(2, await FileRowsAsync(id));
    }

    /// <summary>An action plan with saved notes and one file already attached (the file's bytes are returned).</summary>
    async Task<(long Id, HttpClient Client, byte[] Earlier)> DraftWithAFileAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: new EvidenceContent { Notes = DraftNotes });
        var client = await app.SignedInAsync(e.Candidate);
        var earlier = Encoding.UTF8.GetBytes($"Notes from the first session with client {id}.");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, id, "first session.txt", earlier)).StatusCode);
        return (id, client, earlier);
    }

    /// <summary>The form came back (not an error page) with a message saying the file was not stored; the log has the cause.</summary>
    async Task AssertRefusedAsync(HttpResponseMessage response, byte[] content, string cause)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#upload-form"));
        var message = Assert.Single(Html.Errors(page));
        Assert.StartsWith("The file could not be saved because the file store is full or not working just now, so nothing was attached.", message);
        Assert.Equal(message, page.QuerySelector("#upload-error")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim());
        Assert.Contains(app.LoggedErrors, e => e.Error is IOException io && io.Message.Contains(cause, StringComparison.Ordinal));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM stored_files WHERE sha256 = @sha", new { sha = Sha(content) }));
    }

    /// <summary>Every file in the store has its row and every row its file, no temporary file is left, the sweep finds nothing, and the draft is as it was.</summary>
    async Task AssertNothingLeftBehindAsync(long id, byte[] earlier)
    {
        var onDisk = Directory.GetFiles(app.Store, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)).Order().ToList();
        var rows = (await app.ScalarAsync<string[]>("SELECT coalesce(array_agg(sha256 ORDER BY sha256), '{}') FROM stored_files")).ToList();
        Assert.Equal(rows, onDisk);
        Assert.Equal(new FileSweep.Result(0, 0), await new FileSweep(new FileStore(app.Store), app.DataSource, TimeProvider.System).SweepAsync(TimeSpan.Zero));
        Assert.Equal(1, await FileRowsAsync(id));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'evidence.file-attached' AND subject_id = @id", new { id }));
        Assert.Contains(DraftNotes, await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id }));
        Assert.Equal(earlier, await File.ReadAllBytesAsync(StoredPath(earlier)));
    }

    static Task<HttpResponseMessage> UploadAsync(HttpClient client, long id, string name, byte[] content) =>
        EvidenceTestSteps.OnViewAsync(client, id, "#upload-form", new() { ["upload"] = new FileUpload(name, content, "text/plain") });

    Task<int> FileRowsAsync(long id) =>
        app.ScalarAsync<int>("SELECT count(*) FROM evidence_files f JOIN evidence_revisions r ON r.id = f.revision_id WHERE r.item_id = @id", new { id });

    string StoredPath(byte[] content) => Path.Combine(app.Store, Sha(content)[..2], Sha(content)[2..4], Sha(content));

    static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Plain-text session notes of about <paramref name="bytes"/> bytes, different for each <paramref name="session"/>.</summary>
    static byte[] Notes(string session, int bytes)
    {
        var line = $"Notes of the {session}: the client chose the next step and a date to review it.\n";
        return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, bytes / line.Length + 1)));
    }
}
