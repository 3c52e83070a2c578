using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Portfolio.Web.Forms;

/// <summary>
/// One GOV.UK form group for a bound property: label, hint, the field's error message and the input itself.
/// <c>&lt;field for="Input.Email" label="Email address" type="email" /&gt;</c>; type "textarea" gives a textarea.
/// The element id is the property path with dots as underscores, which the error summary links to.
/// Type "select" (one choice) and "checkboxes" (several) take their choices from <see cref="Options"/>;
/// type "file" gives a file input (<see cref="Accept"/> lists the types offered).
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
    public IEnumerable<SelectListItem>? Options { get; set; }
    public string? Accept { get; set; }

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
        // One message per field, the first found: a value that could not be read comes before what the page checks.
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry)
            ? entry.Errors.Take(1).Select(e => e.ErrorMessage).ToList()
            : [];
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
        // A group of checkboxes is a fieldset named by its legend; every other field has one label.
        html.Append(Type == "checkboxes"
            ? $"<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{E(Label)}</legend>"
            : $"<label class=\"govuk-label\" for=\"{E(id)}\">{E(Label)}</label>");
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
        if (Type is "select" or "checkboxes")
        {
            var chosen = Chosen(entry);
            var options = Options ?? [];
            if (Type == "select")
            {
                var cls = "govuk-select" + (errors.Count > 0 ? " govuk-select--error" : "");
                html.Append($"<select class=\"{E(cls)}\" id=\"{E(id)}\" name=\"{E(name)}\"{aria}>");
                foreach (var option in options)
                {
                    var selected = chosen.Contains(option.Value) ? " selected" : "";
                    html.Append($"<option value=\"{E(option.Value)}\"{selected}>{E(option.Text)}</option>");
                }
                html.Append("</select>");
            }
            else
            {
                html.Append($"<div class=\"govuk-checkboxes govuk-checkboxes--small\" id=\"{E(id)}\" data-module=\"govuk-checkboxes\">");
                foreach (var (option, i) in options.Select((o, i) => (o, i)))
                {
                    var checkedAttribute = chosen.Contains(option.Value) ? " checked" : "";
                    var optionId = $"{id}-{i}";
                    html.Append($"<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"{E(optionId)}\" name=\"{E(name)}\" type=\"checkbox\" value=\"{E(option.Value)}\"{checkedAttribute}{aria}>");
                    html.Append($"<label class=\"govuk-label govuk-checkboxes__label\" for=\"{E(optionId)}\">{E(option.Text)}</label></div>");
                }
                html.Append("</div></fieldset>");
            }
        }
        else if (Type == "file")
        {
            var cls = "govuk-file-upload" + (errors.Count > 0 ? " govuk-file-upload--error" : "");
            var accept = Accept is null ? "" : $" accept=\"{E(Accept)}\"";
            html.Append($"<input class=\"{E(cls)}\" id=\"{E(id)}\" name=\"{E(name)}\" type=\"file\"{accept}{aria}>");
        }
        else if (Type == "textarea")
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

    // What the form last held: the values posted when re-displayed, else the model's value or values.
    HashSet<string> Chosen(ModelStateEntry? entry) => entry?.RawValue switch
    {
        string[] posted => [.. posted],
        string posted => [posted],
        _ => For.Model switch
        {
            null => [],
            string one => [one],
            System.Collections.IEnumerable many => [.. many.Cast<object>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "")],
            var one => [Convert.ToString(one, System.Globalization.CultureInfo.InvariantCulture) ?? ""],
        },
    };
}
