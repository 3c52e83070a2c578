using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using Portfolio.Tests.Pages;

namespace Portfolio.Tests.Browser;

/// <summary>The evidence pages' scripts in Chromium: live preview, annotating by selection and by drawing, uploading.</summary>
public sealed class EvidenceBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Account = "I listened to the client and summarised her goals before we planned the next steps.";

    async Task<(IPage Page, long Id)> OtherDocumentAsync(string notes)
    {
        var enrolled = await app.EnrolledCandidateAsync();
        var page = await app.SignedInPageAsync(enrolled.Candidate);
        var create = new CreateEvidencePage(page);
        await create.OpenAsync();
        var edit = await create.StartAsync("Notes from a guidance interview", "other-document");
        await edit.Notes.FillAsync(notes);
        await edit.SaveAsync();
        return (page, edit.Id);
    }

    [Fact]
    public async Task Typing_Markdown_in_the_notes_shows_the_rendered_preview_and_typed_script_never_runs()
    {
        var enrolled = await app.EnrolledCandidateAsync();
        var page = await app.SignedInPageAsync(enrolled.Candidate);
        var create = new CreateEvidencePage(page);
        await create.OpenAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        var edit = await create.StartAsync("Notes from a guidance interview", "other-document");
        await page.EvaluateAsync("() => { window.__xss = false; }");

        await edit.TypeNotesAsync("A **bold** step. <script>window.__xss = true</script><img src=x onerror=\"window.__xss = true\">");

        await Assertions.Expect(edit.Preview.Locator("strong")).ToHaveTextAsync("bold");
        await Assertions.Expect(edit.Preview).ToContainTextAsync("onerror");
        Assert.True(await edit.Preview.IsVisibleAsync());
        Assert.Equal("Preview", await edit.PreviewLabel.TextContentAsync());
        Assert.Equal(0, await edit.Preview.Locator("script, img").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__xss"));
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Adding_a_step_copies_an_empty_numbered_step_in_place_and_both_steps_save()
    {
        var enrolled = await app.EnrolledCandidateAsync();
        var page = await app.SignedInPageAsync(enrolled.Candidate);
        var create = new CreateEvidencePage(page);
        await create.OpenAsync();
        var edit = await create.StartAsync("Action plan with Client A", "action-plan");
        await edit.StepAction(1).FillAsync("Send the client the apprenticeship vacancy list");
        var url = page.Url;

        await edit.AddStepAsync();

        Assert.Equal(url, page.Url);
        await Assertions.Expect(edit.StepAction(2)).ToHaveValueAsync("");
        await Assertions.Expect(edit.StepAction(2)).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#step-2 legend")).ToHaveTextAsync("Step 2");
        await BrowserApp.AssertAccessibleAsync(page);
        await edit.StepAction(2).FillAsync("Book a visit to the careers fair");
        await edit.SaveAsync();
        await Assertions.Expect(edit.StepAction(1)).ToHaveValueAsync("Send the client the apprenticeship vacancy list");
        await Assertions.Expect(edit.StepAction(2)).ToHaveValueAsync("Book a visit to the careers fair");
    }

    [Fact]
    public async Task Selecting_a_passage_fills_the_annotate_form_and_the_saved_annotation_highlights_it_and_claims_its_point()
    {
        var (page, id) = await OtherDocumentAsync(Account);
        var view = new ViewEvidencePage(page);
        await view.OpenAsync(id);
        var text = await view.EvidenceText.TextContentAsync();
        Assert.Equal("Account\n" + Account + "\n", text);

        await view.SelectPassageAsync("summarised her goals");

        var start = text!.IndexOf("summarised her goals", StringComparison.Ordinal);
        await Assertions.Expect(view.Quote).ToHaveValueAsync("summarised her goals");
        await Assertions.Expect(view.Start).ToHaveValueAsync(start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(view.End).ToHaveValueAsync((start + 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(view.FileSha256).ToHaveValueAsync("");
        await Assertions.Expect(view.AnnotateStatus).ToHaveTextAsync("Passage selected: add your comment below");
        await Assertions.Expect(view.Comment).ToBeFocusedAsync();
        await view.Comment.FillAsync("Shows I summarised before planning.");
        var code = await view.TickFirstMarkingPointAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await view.AddAnnotationAsync();

        await Assertions.Expect(view.Annotations).ToHaveCountAsync(1);
        await Assertions.Expect(view.Annotations.First).ToContainTextAsync("summarised her goals");
        await Assertions.Expect(view.Annotations.First).ToContainTextAsync($"Shows {code}");
        await Assertions.Expect(view.Highlights).ToHaveTextAsync("summarised her goals");
        await Assertions.Expect(new EvidenceAssessmentPage(page).Mappings.Filter(new() { HasText = code })).ToHaveCountAsync(1);
        await view.Highlights.First.ClickAsync();
        await Assertions.Expect(view.SelectedAnnotation).ToHaveCountAsync(1);
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Selecting_rendered_words_across_bold_annotates_the_stored_passage_they_came_from()
    {
        const string Notes = "## Notes\n\nThe client was **really motivated** by the idea.\n\n- course first";
        var (page, id) = await OtherDocumentAsync(Notes);
        var view = new ViewEvidencePage(page);
        await view.OpenAsync(id);
        await Assertions.Expect(view.EvidenceText.Locator("strong")).ToHaveTextAsync("really motivated");
        var stored = "Account\n" + Notes + "\n";

        await view.SelectBetweenAsync("was ", "motivated");

        await Assertions.Expect(view.Quote).ToHaveValueAsync("was really motivated");
        await Assertions.Expect(view.Start).ToHaveValueAsync(stored.IndexOf("was **", StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(view.End).ToHaveValueAsync((stored.IndexOf("motivated", StringComparison.Ordinal) + 9).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await view.Comment.FillAsync("The client's own drive.");
        await view.AddAnnotationAsync();
        await Assertions.Expect(view.Annotations).ToHaveCountAsync(1);
        Assert.Equal("was really motivated", string.Concat(await view.Highlights.AllTextContentsAsync()));
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Selecting_a_passage_of_an_uploaded_documents_text_names_the_file_and_counts_within_its_text()
    {
        var (page, id) = await OtherDocumentAsync(Account);
        var view = new ViewEvidencePage(page);
        await view.OpenAsync(id);
        await view.UploadAsync("session-notes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Docx("Session notes", "The client chose to visit the careers fair first."));
        await Assertions.Expect(view.Files).ToContainTextAsync("session-notes.docx");
        var fileText = await view.OpenFileTextAsync("session-notes.docx");
        var text = (await fileText.TextContentAsync())!;

        await view.SelectPassageAsync("visit the careers fair", "#files .app-evidence__text[data-file]");

        var start = text.IndexOf("visit the careers fair", StringComparison.Ordinal);
        Assert.True(start > 0, text);
        await Assertions.Expect(view.Quote).ToHaveValueAsync("visit the careers fair");
        await Assertions.Expect(view.Start).ToHaveValueAsync(start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(view.FileSha256).ToHaveValueAsync((await fileText.GetAttributeAsync("data-file"))!);
        await view.Comment.FillAsync("Her own choice of first step.");
        await view.AddAnnotationAsync();
        await Assertions.Expect(view.Annotations.First).ToContainTextAsync("visit the careers fair");
        await view.OpenFileTextAsync("session-notes.docx");
        await Assertions.Expect(page.Locator("#files mark.app-annotation")).ToHaveTextAsync("visit the careers fair");
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_picture_uploads_through_the_script_with_its_banner_and_a_box_drawn_on_it_becomes_an_annotation()
    {
        var (page, id) = await OtherDocumentAsync(Account);
        var view = new ViewEvidencePage(page);
        await view.OpenAsync(id);
        await page.EvaluateAsync("() => { window.__samePage = true; }");

        await view.UploadAsync("career-map.png", "image/png", Png(300, 200));

        await Assertions.Expect(view.Files).ToContainTextAsync("career-map.png");
        await Assertions.Expect(view.Status).ToContainTextAsync("has been uploaded");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "The upload went through the page's script, without a navigation");
        await BrowserApp.AssertAccessibleAsync(page);

        await view.DrawRegionAsync(10, 20, 60, 70);

        await Assertions.Expect(view.RegionFields).ToHaveAttributeAsync("open", "");
        Assert.Equal(50, double.Parse(await view.Region("Width").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture), 0);
        Assert.Equal(50, double.Parse(await view.Region("Height").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture), 0);
        Assert.Equal(64, (await view.FileSha256.InputValueAsync()).Length);
        await view.Comment.FillAsync("The client's own drawing of her options.");
        await view.AddAnnotationAsync();
        await Assertions.Expect(view.Annotations.First).ToContainTextAsync("Region of a picture");
        await Assertions.Expect(page.Locator(".app-image-annotations__region")).ToHaveCountAsync(1);
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Cancelling_an_upload_stops_it_and_nothing_is_saved()
    {
        var (page, id) = await OtherDocumentAsync(Account);
        var view = new ViewEvidencePage(page);
        await view.OpenAsync(id);
        var cancelled = new TaskCompletionSource();
        // Hold the upload in the browser until it is cancelled, as a slow connection would.
        await page.RouteAsync("**/Portfolio/Evidence/View?*handler=Upload*", async route =>
        {
            await cancelled.Task;
            await route.AbortAsync();
        });

        await view.UploadAsync("career-map.png", "image/png", Png(300, 200));
        await Assertions.Expect(view.UploadProgressText).Not.ToBeEmptyAsync();
        await view.CancelUploadAsync();
        cancelled.SetResult();

        await Assertions.Expect(view.UploadProgressText).ToHaveTextAsync("Upload cancelled; nothing was saved");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.UnrouteAllAsync();
        await view.OpenAsync(id);
        await Assertions.Expect(view.Files).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_refused_upload_shows_the_servers_error_in_place_and_keeps_the_chosen_file()
    {
        var (page, id) = await OtherDocumentAsync(Account);
        var view = new ViewEvidencePage(page);
        await view.OpenAsync(id);

        await view.UploadAsync("tool.exe", "application/octet-stream", [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);

        await Assertions.Expect(view.ErrorSummary).ToBeVisibleAsync();
        await Assertions.Expect(view.ErrorSummary).ToContainTextAsync("not a type we accept");
        await Assertions.Expect(view.UploadError).ToContainTextAsync("not a type we accept");
        Assert.Equal(1, await view.UploadInput.EvaluateAsync<int>("input => input.files.length"));
        await BrowserApp.AssertAccessibleAsync(page);
    }

    /// <summary>A minimal Word document with one paragraph per line, built here so no file is needed.</summary>
    static byte[] Docx(params string[] paragraphs)
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Entry("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """);
            var body = string.Concat(paragraphs.Select(p => $"<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(p)}</w:t></w:r></w:p>"));
            Entry("word/document.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>
                """);
        }
        return file.ToArray();
    }

    /// <summary>A valid RGB PNG of one colour with a darker border, built here so no file is needed.</summary>
    static byte[] Png(int width, int height)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                var edge = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
                raw.Write(edge ? [0x1d, 0x70, 0xb8] : [0xf3, 0xf2, 0xf1]);
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    static uint Crc32(byte[] bytes)
    {
        var crc = 0xffffffffu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
