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
        // The caption is the table's first child: its opening is enough. Reading the whole table into one string made
        // every long table a large-object allocation and a regular-expression scan (a tenth of the caseload's CPU went
        // to collecting them).
        var opening = new Opening(OpeningLength);
        content.WriteTo(opening, encoder);
        var caption = Caption().Match(opening.ToString());
        var name = caption.Success
            ? WebUtility.HtmlDecode(Tags().Replace(caption.Groups[1].Value, " ")).Trim()
            : output.Attributes["aria-label"]?.Value?.ToString() ?? "Table";
        output.PreElement.SetHtmlContent(
            $"<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{encoder.Encode(Spaces().Replace(name, " "))}\">");
        output.PostElement.SetHtmlContent("</div>");
    }

    const int OpeningLength = 4096;

    /// <summary>Keeps the first characters written to it and lets the rest go by.</summary>
    sealed class Opening(int most) : TextWriter
    {
        readonly System.Text.StringBuilder kept = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.Unicode;

        public override void Write(char value)
        {
            if (kept.Length < most)
            {
                kept.Append(value);
            }
        }

        public override void Write(string? value)
        {
            if (value is not null && kept.Length < most)
            {
                kept.Append(value, 0, Math.Min(value.Length, most - kept.Length));
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            if (kept.Length < most)
            {
                kept.Append(buffer, index, Math.Min(count, most - kept.Length));
            }
        }

        public override string ToString() => kept.ToString();
    }

    [GeneratedRegex("<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
