using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Admin;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Site;

/// <summary>
/// Every form that takes a file, fed files people really send by mistake (and a few sent on purpose): each must be
/// answered with a page, never the error page, never a bare 413.
/// </summary>
public sealed class MalformedUploadTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A workbook with the marking points sheet's header row, filled in by <paramref name="fill"/>.</summary>
    internal static byte[] Workbook(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(RubricSpreadsheet.PointsSheet);
        for (var c = 0; c < RubricSpreadsheet.Columns.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = RubricSpreadsheet.Columns[c];
        }
        fill(sheet);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    // A workbook's parts written by hand: 100,000 rows cost a second, not a minute of ClosedXML.
    static byte[] HundredThousandRowWorkbook()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            sheet.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            for (var r = 1; r <= 100_000; r++)
            {
                sheet.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>1</t></is></c></row>");
            }
            sheet.Write("</sheetData></worksheet>");
        }
        return stream.ToArray();
    }

    static IEnumerable<(string Name, byte[] Content)> Corpus()
    {
        var package = CasePreviewTests.Published("what-standards-could-be");
        var random = new Random(20);
        var junk = new byte[3000];
        random.NextBytes(junk);
        var rows = new StringBuilder("Unit,Unit title,Element,Element title,Point,Point text,Evidence\n");
        for (var i = 1; i <= 100_000; i++)
        {
            rows.Append("1,U,1.1,E,1.1.").Append(i.ToString(CultureInfo.InvariantCulture)).Append(",Text,\n");
        }
        yield return ("empty", []);
        yield return ("truncated", package[..(package.Length / 2)]);
        yield return ("wrong-types",
            Utf8("{\"CFDocument\":{\"identifier\":5},\"CFItems\":\"none\",\"CFAssociations\":{}}"));
        yield return ("wrong-items", Utf8("{\"CFDocument\":{\"identifier\":\"d\"},"
            + "\"CFItems\":[1,\"a\",{\"identifier\":7},"
            + "{\"identifier\":\"i\",\"fullStatement\":[]}],\"CFAssociations\":[{\"associationType\":\"isChildOf\","
            + "\"originNodeURI\":{\"identifier\":\"i\"},\"destinationNodeURI\":{\"identifier\":\"d\"},"
            + "\"sequenceNumber\":\"x\"}]}"));
        yield return ("nul-in-text", Utf8("{\"CFDocument\":{\"identifier\":\"d\",\"title\":\"T\\u0000\"},\"CFItems\":"
            + "[{\"identifier\":\"i\",\"fullStatement\":\"A\\u0000B\"}],\"CFAssociations\":[{\"associationType\":"
            + "\"isChildOf\",\"originNodeURI\":{\"identifier\":\"i\"},"
            + "\"destinationNodeURI\":{\"identifier\":\"d\"}}]}"));
        yield return ("deep", Utf8(new string('[', 100_000) + new string(']', 100_000)));
        yield return ("junk-zip", [.. "PK\u0003\u0004"u8, .. junk]);
        yield return ("junk", junk);
        yield return ("not-utf8", [0xff, 0xfe, 0x00, 0xd8, 0x41, 0x0a, 0xc3]);
        yield return ("nul-rows", Utf8("Unit,Unit title,Element,Element title,Point,Point text,Evidence\n"
            + "1,U\0,1.1,E,1.1.1,T\0x,\n"));
        yield return ("formulas", Workbook(s =>
        {
            s.Cell(2, 1).Value = "1";
            s.Cell(2, 6).FormulaA1 = "=1+1";
        }));
        yield return ("merged", Workbook(s =>
        {
            s.Cell(2, 1).Value = "1";
            s.Range("A2:A4").Merge();
        }));
        yield return ("rows-100000-csv", Utf8(rows.ToString()));
        yield return ("rows-100000-xlsx", HundredThousandRowWorkbook());
        yield return ("huge", new byte[6 * 1024 * 1024]);
    }

    static void AssertAPage(HttpResponseMessage response, string what) =>
        Assert.True((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.RequestEntityTooLarge,
            $"{what}: {(int)response.StatusCode}");

    /// <summary>Follows an upload to the preview it leads to, and confirms it when it may be confirmed.</summary>
    static async Task FollowAsync(HttpClient client, HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.Redirect
            || !response.Headers.Location!.OriginalString.Contains("CasePreview", StringComparison.Ordinal))
        {
            return;
        }
        var preview = await client.GetAsync(response.Headers.Location);
        AssertAPage(preview, what + " (preview)");
        var page = await Html.ParseAsync(preview);
        if (page.QuerySelector<IHtmlFormElement>("#confirm-form") is { } confirm
            && page.QuerySelector("#confirm-import[disabled]") is null)
        {
            AssertAPage(await Html.SubmitAsync(client, confirm, new()), what + " (confirm)");
        }
    }

    [Fact]
    public async Task Every_form_that_takes_a_file_answers_every_malformed_file_with_a_page()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var candidate = await app.SignedInAsync(e.Candidate);
        var item = await EvidenceTestSteps.ItemAsync(app, e);
        var qualification = (await new RubricStore(app.DataSource).VersionsAsync(e.CentreId))[0].QualificationId
            .ToString(CultureInfo.InvariantCulture);
        var upload = (await Html.GetAsync(admin, "/Admin/Qualifications/Upload"))
            .QuerySelector<IHtmlFormElement>("#upload-form")!;
        var evidence = await Html.GetAsync(candidate, $"/Portfolio/Evidence/View?id={item}");
        var hours = (await Html.GetAsync(candidate, "/Portfolio/Hours/Import"))
            .QuerySelector<IHtmlFormElement>("#import-form")!;

        foreach (var (name, content) in Corpus())
        {
            foreach (var extension in new[] { ".zip", ".md", ".json", ".csv", ".xlsx" })
            {
                foreach (var chosen in extension is ".md" or ".csv" ? new[] { "", qualification } : [""])
                {
                    var what = $"rubric upload of {name}{extension} (qualification '{chosen}')";
                    var response = await Html.SubmitAsync(admin, upload, new()
                    {
                        ["Input.File"] = new FileUpload(name + extension, content), ["Input.QualificationId"] = chosen,
                    });
                    AssertAPage(response, what);
                    await FollowAsync(admin, response, what);
                }
            }
            foreach (var (form, extension) in new[] { ("#upload-form", ".pdf"), ("#photo-form", ".jpg") })
            {
                AssertAPage(await Html.SubmitAsync(candidate, evidence.QuerySelector<IHtmlFormElement>(form)!,
                    new() { ["upload"] = new FileUpload(name + extension, content) }), $"evidence {form} of {name}");
            }
            AssertAPage(await Html.SubmitAsync(candidate, hours,
                new() { ["Upload"] = new FileUpload(name + ".csv", content) }),
                $"hours import of {name}");
        }
    }
}

/// <summary>A file past the request's limit (set small here) is answered as too large, not as a missing page.</summary>
public sealed class OversizedUploadTests(SmallUploadsApp app) : IClassFixture<SmallUploadsApp>
{
    [Fact]
    public async Task A_file_past_the_request_limit_is_answered_with_the_too_large_page()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var upload = (await Html.GetAsync(admin, "/Admin/Qualifications/Upload"))
            .QuerySelector<IHtmlFormElement>("#upload-form")!;

        var response = await Html.SubmitAsync(admin, upload,
            new() { ["Input.File"] = new FileUpload("huge.zip", new byte[2 * 1024 * 1024]) });

        var page = await Html.ParseAsync(response);
        Assert.Equal("That file is too large", page.QuerySelector("h1")!.TextContent.Trim());
    }
}
