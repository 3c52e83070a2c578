using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Portfolio.Web.Forms;

namespace Portfolio.Tests.Site;

/// <summary>Every GOV.UK table is wrapped in a scrolling region named by its caption.</summary>
public sealed class TableScrollTests
{
    static async Task<TagHelperOutput> WrapAsync(string inner, string? label = null)
    {
        var attributes = new TagHelperAttributeList { { "class", "govuk-table" } };
        if (label is not null)
        {
            attributes.Add("aria-label", label);
        }
        var output = new TagHelperOutput("table", attributes, (_, _) =>
            Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().AppendHtml(inner)));
        await new TableScrollTagHelper(HtmlEncoder.Default).ProcessAsync(
            new TagHelperContext(attributes, new Dictionary<object, object>(), "t"), output);
        return output;
    }

    static string Rows(int count) => string.Concat(Enumerable.Range(0, count)
        .Select(i => $"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">Row {i}</td></tr>"));

    [Fact]
    public async Task A_long_table_is_named_by_its_caption_without_its_markup_and_keeps_every_row()
    {
        var output = await WrapAsync(
            "<caption class=\"govuk-table__caption\">Evidence matrix:\n  <span>Amira</span> &amp; Tom</caption>" + Rows(5_000));

        Assert.Equal("<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Evidence matrix: Amira &amp; Tom\">",
            output.PreElement.GetContent());
        Assert.Equal("</div>", output.PostElement.GetContent());
        Assert.Contains("Row 4999", (await output.GetChildContentAsync()).GetContent(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_without_a_caption_is_named_by_its_label_or_else_simply_table()
    {
        Assert.Contains("aria-label=\"Your candidates\"", (await WrapAsync(Rows(300), "Your candidates")).PreElement.GetContent(),
            StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Table\"", (await WrapAsync(Rows(300))).PreElement.GetContent(), StringComparison.Ordinal);
    }
}
