using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portfolio.Tests.Harness;

/// <summary>A file for a file input.</summary>
public sealed record FileUpload(string FileName, byte[] Content, string ContentType = "application/octet-stream");

/// <summary>Reads pages with AngleSharp and submits their real forms, antiforgery token included.</summary>
public static class Html
{
    static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public static async Task<IHtmlDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}, expected 200");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        return (IHtmlDocument)await Context.OpenAsync(r => r.Content(content).Address(address));
    }

    /// <summary>
    /// Submits the form as a browser would: every field's current value, overridden by <paramref name="values"/>
    /// (a string, several strings for a multi-select, or a <see cref="FileUpload"/>), plus the submit button when named.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IHtmlFormElement form,
        Dictionary<string, object>? values = null, string? submitButtonSelector = null)
    {
        var fields = new List<(string Name, object Value)>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "submit" or "button" or "image" or "file" or "reset")
                    {
                        continue;
                    }
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }
                    fields.Add((input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add((area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => (select.Name!, (object)o.Value)));
                    break;
            }
        }
        foreach (var (name, value) in values ?? [])
        {
            fields.RemoveAll(f => f.Name == name);
            switch (value)
            {
                case string[] many:
                    fields.AddRange(many.Select(v => (name, (object)v)));
                    break;
                default:
                    fields.Add((name, value));
                    break;
            }
        }
        var action = form.GetAttribute("action");
        if (submitButtonSelector is not null)
        {
            var button = form.QuerySelector(submitButtonSelector) ?? throw new InvalidOperationException($"No {submitButtonSelector} in the form");
            if (button.GetAttribute("name") is { Length: > 0 } buttonName)
            {
                fields.Add((buttonName, button.GetAttribute("value") ?? ""));
            }
            if (button.GetAttribute("formaction") is { Length: > 0 } formAction)
            {
                action = formAction;
            }
        }
        var baseUri = new Uri(form.Owner?.Url ?? "http://localhost/");
        var target = new Uri(baseUri, string.IsNullOrEmpty(action) ? baseUri.PathAndQuery : action);
        if (string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
        {
            // As a browser does: the fields replace the action's query string.
            var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value.ToString() ?? "")}"));
            return await client.GetAsync($"{target.AbsolutePath}?{query}");
        }
        var request = new HttpRequestMessage(HttpMethod.Post, target.PathAndQuery) { Content = Encode(form, fields) };
        return await client.SendAsync(request);
    }

    static HttpContent Encode(IHtmlFormElement form, List<(string Name, object Value)> fields)
    {
        if (!string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase) && !fields.Any(f => f.Value is FileUpload))
        {
            return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value.ToString() ?? "")));
        }
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (value is FileUpload file)
            {
                var part = new ByteArrayContent(file.Content);
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
                multipart.Add(part, name, file.FileName);
            }
            else
            {
                multipart.Add(new StringContent(value.ToString() ?? ""), name);
            }
        }
        return multipart;
    }

    /// <summary>The error summary's messages, or none.</summary>
    public static IReadOnlyList<string> Errors(IDocument page) =>
        page.QuerySelectorAll("#error-summary li").Select(li => li.TextContent.Trim()).ToList();
}
