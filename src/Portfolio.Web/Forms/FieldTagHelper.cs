using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Portfolio.Web.Forms;

/// <summary>
/// One GOV.UK form group for a bound property: label, hint, the field's error message and the input itself.
/// <c>&lt;field for="Input.Email" label="Email address" type="email" /&gt;</c>; type "textarea" gives a textarea.
/// The element id is the property path with dots as underscores, which the error summary links to.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public int Rows { get; set; } = 5;
    public string? InputClass { get; set; }

    /// <summary>Extra attributes for the input, e.g. min and max for a number.</summary>
    public string? Min { get; set; }
    public string? Max { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    /// <summary>The element id for a field name, as asp-for makes it; the error summary links to it.</summary>
    public static string IdFor(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = IdFor(name);
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        // A re-displayed form shows what was typed, except passwords.
        var attempted = entry?.AttemptedValue;
        var value = Type == "password" ? "" : attempted ?? For.Model switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            null => "",
            var m => m.ToString() ?? "",
        };
        string E(string s) => encoder.Encode(s);
        var describedBy = new List<string>();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "govuk-form-group govuk-form-group--error" : "govuk-form-group");
        var html = new System.Text.StringBuilder();
        html.Append($"<label class=\"govuk-label\" for=\"{E(id)}\">{E(Label)}</label>");
        if (Hint is not null)
        {
            html.Append($"<div id=\"{E(id)}-hint\" class=\"govuk-hint\">{E(Hint)}</div>");
            describedBy.Add(id + "-hint");
        }
        if (errors.Count > 0)
        {
            html.Append($"<p id=\"{E(id)}-error\" class=\"govuk-error-message\">");
            html.Append(string.Join("<br>", errors.Select(m => $"<span class=\"govuk-visually-hidden\">Error:</span> {E(m)}")));
            html.Append("</p>");
            describedBy.Add(id + "-error");
        }
        var aria = describedBy.Count > 0 ? $" aria-describedby=\"{E(string.Join(' ', describedBy))}\"" : "";
        var auto = Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"";
        if (Type == "textarea")
        {
            var cls = "govuk-textarea" + (errors.Count > 0 ? " govuk-textarea--error" : "") + (InputClass is null ? "" : " " + InputClass);
            html.Append($"<textarea class=\"{E(cls)}\" id=\"{E(id)}\" name=\"{E(name)}\" rows=\"{Rows}\"{aria}{auto}>{E(value)}</textarea>");
        }
        else
        {
            var cls = "govuk-input" + (errors.Count > 0 ? " govuk-input--error" : "") + (InputClass is null ? "" : " " + InputClass);
            var range = (Min is null ? "" : $" min=\"{E(Min)}\"") + (Max is null ? "" : $" max=\"{E(Max)}\"");
            html.Append($"<input class=\"{E(cls)}\" id=\"{E(id)}\" name=\"{E(name)}\" type=\"{E(Type)}\" value=\"{E(value)}\"{aria}{auto}{range}>");
        }
        output.Content.SetHtmlContent(html.ToString());
    }
}
