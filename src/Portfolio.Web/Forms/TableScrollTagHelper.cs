using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Portfolio.Web.Forms;

/// <summary>
/// Every GOV.UK table scrolls sideways inside a region of its own when the screen is narrower than the table, so a
/// page never scrolls sideways on a phone (site.css keeps the first column in view while the rest scrolls). The region
/// is focusable, so it can be scrolled from the keyboard, and is named by the table's caption.
/// </summary>
[HtmlTargetElement("table", Attributes = "class")]
public sealed partial class TableScrollTagHelper(HtmlEncoder encoder) : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var classes = output.Attributes["class"]?.Value?.ToString() ?? "";
        if (!classes.Split(' ').Contains("govuk-table"))
        {
            return;
        }
        var content = await output.GetChildContentAsync();
        var caption = Caption().Match(content.GetContent());
        var name = caption.Success
            ? WebUtility.HtmlDecode(Tags().Replace(caption.Groups[1].Value, " ")).Trim()
            : output.Attributes["aria-label"]?.Value?.ToString() ?? "Table";
        output.PreElement.SetHtmlContent(
            $"<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{encoder.Encode(Spaces().Replace(name, " "))}\">");
        output.PostElement.SetHtmlContent("</div>");
    }

    [GeneratedRegex("<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
