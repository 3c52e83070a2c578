using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Tests.Site;

namespace Portfolio.Tests.Pages.Admin;

public sealed class SpreadsheetUploadTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, FileUpload file, string qualificationId = "")
    {
        var page = await Html.GetAsync(admin, "/Admin/Qualifications/Upload");
        return await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#upload-form")!,
            new() { ["Input.File"] = file, ["Input.QualificationId"] = qualificationId });
    }

    static async Task<IHtmlDocument> PreviewAsync(HttpClient admin, HttpResponseMessage upload)
    {
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        return await Html.GetAsync(admin, upload.Headers.Location!.OriginalString);
    }

    async Task<(long Centre, HttpClient Admin)> AdminAsync()
    {
        var centre = await app.CentreAsync();
        return (centre, await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator)));
    }

    [Fact]
    public async Task The_demo_version_downloaded_as_a_spreadsheet_and_uploaded_back_is_the_identical_version()
    {
        var (centre, admin) = await AdminAsync();
        var import = await DemoRubric.ImportAsync(app, centre);
        var workbook = await admin.GetByteArrayAsync(
            $"/Admin/Qualifications/Version?handler=Spreadsheet&id={import.VersionId}");

        var preview = await PreviewAsync(admin, await UploadAsync(admin, new FileUpload("demo.xlsx", workbook, Xlsx)));
        var status = await CasePreviewTests.ConfirmAsync(admin, preview);

        Assert.Contains("It is identical to PCG-L4-DEMO version 1: importing it makes no new version.",
            preview.QuerySelector("#preview-updates")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("PCG-L4-DEMO is unchanged: still version 1.", status, StringComparison.Ordinal);
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task The_template_workbook_imports_through_the_preview()
    {
        var (_, admin) = await AdminAsync();
        var template = await admin.GetByteArrayAsync("/Admin/Qualifications/Upload?handler=Template");

        var preview = await PreviewAsync(admin,
            await UploadAsync(admin, new FileUpload("template.xlsx", template, Xlsx)));

        Assert.Contains("ABC-L3-EXAMPLE: 1 unit, 1 element, 2 marking points",
            preview.QuerySelector("#preview-counts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("imported as version 1", await CasePreviewTests.ConfirmAsync(admin, preview),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_updates_the_chosen_qualification()
    {
        var (centre, admin) = await AdminAsync();
        var import = await DemoRubric.ImportAsync(app, centre);
        var csv = "Unit,Unit title,Element,Element title,Point,Point text,Evidence\n"
            + "1,Working with clients,1.1,Agreeing a plan,1.1.1,\"Agrees the steps, and who takes each\",action-plan\n";

        var preview = await PreviewAsync(admin, await UploadAsync(admin, new FileUpload("points.csv",
            Encoding.UTF8.GetBytes(csv), "text/csv"),
            import.QualificationId!.Value.ToString(CultureInfo.InvariantCulture)));

        Assert.Contains("PCG-L4-DEMO: 1 unit, 1 element, 1 marking point",
            preview.QuerySelector("#preview-counts")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("It updates PCG-L4-DEMO (now version 1)",
            preview.QuerySelector("#preview-updates")!.TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rows_are_listed_on_the_upload_page_with_row_and_column_and_nothing_is_stored()
    {
        var (centre, admin) = await AdminAsync();
        var csv = "Unit,Unit title,Element,Element title,Point,Point text,Evidence\n1,U,1.1,E,1.1.1,Text,telepathy\n";

        var page = await Html.ParseAsync(
            await UploadAsync(admin, new FileUpload("bad.csv", Encoding.UTF8.GetBytes(csv), "text/csv")));

        Assert.Contains(page.QuerySelectorAll("#problems li"), li => li.TextContent.StartsWith(
            "bad.csv:2: column 'Evidence': unknown evidence kind 'telepathy'", StringComparison.Ordinal));
        Assert.Equal(0, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_workbook_with_a_formula_and_merged_cells_is_refused_naming_each_cell_and_its_column()
    {
        var (centre, admin) = await AdminAsync();
        var workbook = MalformedUploadTests.Workbook(sheet =>
        {
            foreach (var row in new[] { 2, 3 })
            {
                sheet.Cell(row, 2).Value = "Unit";
                sheet.Cell(row, 3).Value = "1.1";
                sheet.Cell(row, 4).Value = "Element";
                sheet.Cell(row, 5).Value = $"1.1.{row}";
                sheet.Cell(row, 6).Value = "Text";
            }
            sheet.Cell(2, 1).Value = "1";
            sheet.Range("A2:A3").Merge();
            sheet.Cell(3, 6).FormulaA1 = "=F2";
        });

        var page = await Html.ParseAsync(await UploadAsync(admin, new FileUpload("centre.xlsx", workbook, Xlsx)));

        Assert.Equal(
        [
            "centre.xlsx (Marking points):2: cells A2:A3 are merged: give every row its own values",
            "centre.xlsx (Marking points):3: column 'Point text': cell F3 is a formula: type its value instead",
        ], page.QuerySelectorAll("#problems li").Select(li => li.TextContent.Trim()));
        Assert.Equal(0, await DemoRubric.VersionCountAsync(app, centre));
    }

    [Fact]
    public async Task A_csv_saved_in_a_windows_code_page_is_refused_at_its_first_such_line_not_read_garbled()
    {
        var (centre, admin) = await AdminAsync();
        var import = await DemoRubric.ImportAsync(app, centre);
        byte[] csv = [.. "Unit,Unit title,Element,Element title,Point,Point text,Evidence\n1,U,1.1,E,1.1.1,"u8,
            .. "Agrees the client"u8, 0x92, .. "s steps\n"u8];

        var page = await Html.ParseAsync(await UploadAsync(admin, new FileUpload("points.csv", csv, "text/csv"),
            import.QualificationId!.Value.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal("points.csv:2: the file is not text in UTF-8: save it from your spreadsheet as CSV UTF-8",
            page.QuerySelector("#problems li")!.TextContent.Trim());
        Assert.Equal(1, await DemoRubric.VersionCountAsync(app, centre));
    }
}
