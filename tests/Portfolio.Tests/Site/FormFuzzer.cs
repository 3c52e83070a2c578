using System.Diagnostics;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using System.Web;
using AngleSharp.Html.Dom;
using Fields = System.Collections.Generic.List<(string Name, string Value)>;

namespace Portfolio.Tests.Site;

/// <summary>A form found while crawling (or a link with a query string), its fields as the page filled them.</summary>
public sealed record FuzzTarget(string Method, string Url, bool Multipart,
    IReadOnlyList<(string Name, string Value)> Fields, IReadOnlyList<string> FileFields, string FoundOn)
{
    /// <summary>What makes two targets the same form: method, page and handler.</summary>
    public string Key => $"{Method} {new Uri(Site, Url).AbsolutePath} {Handler}";

    string Handler => HttpUtility.ParseQueryString(new Uri(Site, Url).Query)["handler"] ?? "";

    static Uri Site => FormFuzzer.Site;
}

/// <summary>
/// Follows a person's links through the site, collects every form, and sends bad variants of each: the fields
/// changed one at a time in the ways people and attackers change them, and the antiforgery token left out or
/// taken from someone else. Any 5xx or any answer slower than <see cref="Slow"/> is recorded as a problem.
/// </summary>
public sealed class FormFuzzer(HttpClient client, string who, Random random, IReadOnlyList<long> otherCentreIds)
{
    /// <summary>The test host's address, against which relative links are resolved.</summary>
    internal static readonly Uri Site = new("http://localhost/");
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(5);
    const string Token = "__RequestVerificationToken";

    public List<string> Problems { get; } = [];
    public int Requests { get; private set; }

    /// <summary>The mutations by name: each takes the fields, the one to change and whether it is a POST.</summary>
    IReadOnlyList<(string Name, Func<Fields, string, bool, Fields> Apply)> Mutations =>
    [
        ("empty", (f, n, _) => Set(f, n, "")),
        ("removed", (f, n, _) => f.Where(x => x.Name != n).ToList()),
        ("10,000 characters", (f, n, _) => Set(f, n, string.Concat(Enumerable.Repeat("Plan step ", 1000)))),
        ("1 MB", (f, n, post) => Set(f, n, post ? new string('a', 1024 * 1024) : new string('a', 10_000))),
        ("number too large", (f, n, _) => Set(f, n, "99999999999999999999")),
        ("negative number", (f, n, _) => Set(f, n, "-1")),
        ("not a number", (f, n, _) => Set(f, n, "12abc")),
        ("impossible date", (f, n, _) => Set(f, n, "2026-02-30")),
        ("control and bidi characters", (f, n, _) => Set(f, n, "a\u0001b\u0007c\u202Ed\u2066e\uFEFF\r\n\u001B[31m")),
        ("NUL character", (f, n, _) => Set(f, n, "before\u0000after")),
        ("another centre's id", (f, n, _) => Set(f, n, otherCentreIds[random.Next(otherCentreIds.Count)]
            .ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ("missing row id", (f, n, _) => Set(f, n, "987654321")),
        ("value not offered", (f, n, _) => Set(f, n, "not-an-option")),
        ("duplicated", (f, n, _) => [.. f, (n, "2"), (n, "")]),
    ];

    static Fields Set(Fields fields, string name, string value) =>
        fields.Select(f => f.Name == name ? (f.Name, value) : f).ToList();

    /// <summary>Visits pages breadth first from <paramref name="starts"/>, two at most of each address shape.</summary>
    public async Task<List<FuzzTarget>> CrawlAsync(IEnumerable<string> starts, int maxPages)
    {
        var queue = new Queue<string>(starts);
        var seen = new HashSet<string>(queue);
        var shapes = new Dictionary<string, int>();
        var targets = new List<FuzzTarget>();
        for (var pages = 0; queue.Count > 0 && pages < maxPages; pages++)
        {
            var url = queue.Dequeue();
            var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), $"GET {url}");
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var page = await Html.ParseAsync(response);
            if (new Uri(Site, url).Query.Length > 1)
            {
                targets.Add(FromQuery(url));
            }
            foreach (var href in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (SameSite(href) is not { } next || !seen.Add(next))
                {
                    continue;
                }
                var uri = new Uri(Site, next);
                var shape = uri.AbsolutePath + "?" + string.Join("&", HttpUtility.ParseQueryString(uri.Query).AllKeys.Order());
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                if (shapes[shape] <= 2)
                {
                    queue.Enqueue(next);
                }
            }
            targets.AddRange(page.QuerySelectorAll<IHtmlFormElement>("form").SelectMany(f => FromForm(f, url)));
        }
        return targets;
    }

    static string? SameSite(string href)
    {
        if (!Uri.TryCreate(Site, href, out var uri) || uri.Host != Site.Host || uri.Scheme != Site.Scheme)
        {
            return null;
        }
        // Signing out would end the crawl; a fragment is the same page.
        var signOut = uri.AbsolutePath.StartsWith("/Account/SignOut", StringComparison.OrdinalIgnoreCase);
        return signOut ? null : uri.PathAndQuery;
    }

    static FuzzTarget FromQuery(string url)
    {
        var uri = new Uri(Site, url);
        var query = HttpUtility.ParseQueryString(uri.Query);
        var fields = query.AllKeys.OfType<string>().SelectMany(k => query.GetValues(k)!.Select(v => (k, v))).ToList();
        return new("GET", uri.AbsolutePath, false, fields, [], url);
    }

    static IEnumerable<FuzzTarget> FromForm(IHtmlFormElement form, string pageUrl)
    {
        var fields = new List<(string Name, string Value)>();
        var files = new List<string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "file" } file when !string.IsNullOrEmpty(file.Name):
                    files.Add(file.Name!);
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled
                    && input.Type is not ("submit" or "button" or "image" or "reset")
                    && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields.Add((input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add((area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var chosen = select.Options.Where(o => o.IsSelected).Select(o => o.Value).ToList();
                    var sent = chosen.Count > 0 ? chosen : select.Options.Take(1).Select(o => o.Value);
                    fields.AddRange(sent.Select(v => (select.Name!, v)));
                    break;
            }
        }
        var method = string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
        var multipart = files.Count > 0
            || string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        var buttons = form.QuerySelectorAll("button, input[type=submit]")
            .Where(b => b.GetAttribute("type") is null or "submit").ToList();
        var actions = buttons
            .Select(b => (Url: b.GetAttribute("formaction") ?? action, b.GetAttribute("name"), b.GetAttribute("value")))
            .DefaultIfEmpty((action, null, null)).Distinct();
        foreach (var (url, name, value) in actions)
        {
            if (SameSite(url) is not { } target)
            {
                continue;
            }
            var withButton = name is { Length: > 0 } ? [.. fields, (name, value ?? "")] : fields;
            yield return new(method, target, multipart, withButton, files, pageUrl);
        }
    }

    /// <summary>Sends the form as it is, then a sample of bad variants of its fields and antiforgery token.</summary>
    public async Task FuzzAsync(FuzzTarget target, int fieldsToChange, int mutationsPerField, string foreignToken)
    {
        var post = target.Method == "POST";
        await SendAsync(target, [.. target.Fields], "as the page filled it", junkFile: false);
        var names = target.Fields.Select(f => f.Name).Where(n => n != Token).Distinct()
            .OrderBy(_ => random.Next()).Take(fieldsToChange);
        foreach (var name in names)
        {
            foreach (var (mutation, apply) in Mutations.OrderBy(_ => random.Next()).Take(mutationsPerField))
            {
                await SendAsync(target, apply([.. target.Fields], name, post), $"{name}: {mutation}", junkFile: false);
            }
        }
        if (target.FileFields.Count > 0)
        {
            await SendAsync(target, [.. target.Fields], "junk file", junkFile: true);
        }
        if (post)
        {
            var withoutToken = target.Fields.Where(f => f.Name != Token).ToList();
            await SendAsync(target, withoutToken, "no antiforgery token", junkFile: false);
            var foreign = Set([.. target.Fields], Token, foreignToken);
            await SendAsync(target, foreign, "someone else's antiforgery token", junkFile: false);
        }
    }

    Task<HttpResponseMessage> SendAsync(FuzzTarget target, Fields fields, string variant, bool junkFile)
    {
        var description = $"{target.Method} {target.Url} ({variant}; form found on {target.FoundOn})";
        if (target.Method == "GET")
        {
            var path = new Uri(Site, target.Url).AbsolutePath;
            var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));
            return SendAsync(new HttpRequestMessage(HttpMethod.Get, path + "?" + query), description);
        }
        HttpContent content;
        if (target.Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }
            foreach (var name in target.FileFields.Where(_ => junkFile))
            {
                var junk = new byte[4096];
                random.NextBytes(junk);
                var part = new ByteArrayContent(junk);
                part.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
                multipart.Add(part, name, "junk.bin");
            }
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        }
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = content }, description);
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string description, bool again = false)
    {
        Requests++;
        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        clock.Stop();
        if ((int)response.StatusCode >= 500)
        {
            Problems.Add($"{who}: {(int)response.StatusCode} for {description}");
        }
        // The first request to a page may pay for compiling it; a GET that is slow is asked again before it counts.
        if (clock.Elapsed > Slow && request.Method == HttpMethod.Get && !again)
        {
            var repeat = new HttpRequestMessage(HttpMethod.Get, request.RequestUri);
            return await SendAsync(repeat, description, again: true);
        }
        if (clock.Elapsed > Slow)
        {
            Problems.Add($"{who}: {clock.Elapsed.TotalSeconds:0.0} s for {description}");
        }
        return response;
    }
}
