using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portfolio.Text;

/// <summary>
/// The one place candidate Markdown becomes HTML. Raw HTML is switched off in Markdig and the
/// result is sanitised afterwards, so a page may emit the output with <c>Html.Raw</c>.
/// </summary>
/// <remarks>
/// Images are not rendered: an image tag makes every reader's browser fetch a URL the candidate
/// chose (tracking, or a GET against one of our own endpoints). Uploaded files are shown through
/// the authorised download handler instead, so an image in Markdown becomes a plain link with its
/// alt text, which then passes the same link rules as any other link.
/// </remarks>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = Builder().Build();

    // The same Markdown with each inline's place in the source, so passages can be marked and selected by offset.
    private static readonly MarkdownPipeline MappedPipeline = Builder().UsePreciseSourceLocation().Build();

    private static MarkdownPipelineBuilder Builder() => new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseListExtras()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks();

    private static readonly HashSet<string> AllowedSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    // HtmlSanitizer's Sanitize is safe to call from many threads once configured; the event
    // handlers below keep no state.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer(mapped: false);

    // Also lets through what the mapped rendering adds itself: spans naming their source offset and marks.
    private static readonly HtmlSanitizer MappedSanitizer = CreateSanitizer(mapped: true);

    // Rendered Markdown by its source: 4 million characters at most (about 8 MB), shared with the mapped rendering.
    internal const long MemoChars = 4_000_000;

    private static readonly BoundedMemo<string, string> Rendered = new(MemoChars, k => k.Length, v => v.Length);

    /// <summary>Renders candidate Markdown to safe HTML. Null or blank input gives an empty string.</summary>
    public static string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Rendered.GetOrAdd(markdown, Convert);

    private static string Convert(string markdown)
    {
        MarkdownDocument document = Markdown.Parse(markdown, Pipeline);
        foreach (LinkInline link in document.Descendants<LinkInline>())
        {
            link.IsImage = false;
        }

        return Sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>Candidate Markdown as safe HTML ready for the page (the <c>_Markdown</c> partial emits it).</summary>
    public static RenderedHtml Render(string? markdown) => new(ToSafeHtml(markdown).Trim());

    /// <summary>True when a link target is an absolute http, https or mailto address.</summary>
    public static bool IsAllowedLink(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out Uri? uri)
        && AllowedSchemes.Contains(uri.Scheme)
        && (uri.Scheme == Uri.UriSchemeMailto || !string.IsNullOrEmpty(uri.Host));

    private static HtmlSanitizer CreateSanitizer(bool mapped)
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
                "strong", "b", "em", "i", "del", "s", "ins", "mark", "sub", "sup", "code", "pre", "kbd",
                "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td",
                "a", "input",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "title", "start", "align", "colspan", "rowspan",
                // Task-list check boxes: type and checked/disabled only, checked by PostProcessNode.
                "type", "checked", "disabled",
            },
            AllowedSchemes = new HashSet<string>(AllowedSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        if (mapped)
        {
            options.AllowedTags.Add("span");
            options.AllowedAttributes.UnionWith(["class", "data-at", "data-annotations"]);
            options.AllowedClasses.UnionWith(MarkClasses);
        }
        var sanitizer = new HtmlSanitizer(options) { AllowDataAttributes = false };

        // The sanitizer keeps relative URLs; we want absolute http(s)/mailto only.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!IsAllowedLink(e.SanitizedUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element)
            {
                return;
            }
            if (element.LocalName == "a" && element.HasAttribute("href"))
            {
                element.SetAttribute("rel", "nofollow noopener noreferrer");
            }
            if (element.LocalName == "input"
                && !string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
            {
                element.Remove();
            }
            else if (element.LocalName == "input")
            {
                element.SetAttribute("disabled", "disabled");
            }
        };
        return sanitizer;
    }
}
