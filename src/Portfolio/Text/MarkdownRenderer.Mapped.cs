using System.Globalization;
using System.Text;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portfolio.Text;

/// <summary>HTML that came out of <see cref="MarkdownRenderer"/>: safe to emit as it is.</summary>
public sealed class RenderedHtml
{
    internal RenderedHtml(string html) => Html = html;

    public string Html { get; }

    public override string ToString() => Html;
}

/// <summary>A headed part of a longer text: the heading line, then the body (Markdown, or plain lines).</summary>
public sealed record TextPart(string Heading, string Body, bool IsMarkdown)
{
    /// <summary>The parts joined the way evidence text is stored: heading, line break, body, blank line.</summary>
    public static string Join(IEnumerable<TextPart> parts) =>
        string.Concat(parts.Select(p => p.Heading + "\n" + p.Body + "\n\n")).TrimEnd() + "\n";
}

public static partial class MarkdownRenderer
{
    // A property, not a field: the sanitizers in the other part of this class are built from it first.
    private static string[] MarkClasses => ["app-annotation", "app-personal-data"];

    /// <summary>
    /// A text made of headed parts as readable HTML: each heading, each Markdown body rendered, plain bodies line by
    /// line. Every run of the text's own characters sits in a <c>span data-at</c> giving its offset in
    /// <paramref name="text"/>, so a selection can be turned back into offsets, and the highlights are marked where
    /// they fall. A text that is not the parts joined is shown as plain lines.
    /// </summary>
    public static RenderedHtml ToSafeHtml(string text, IReadOnlyList<TextPart> parts,
        IReadOnlyList<Highlight> highlights) =>
        new(RenderedMapped.GetOrAdd(new MappedSource(text, parts, highlights),
            source => ConvertMapped(source.Text, source.Parts, source.Highlights)));

    // What a mapped rendering depends on: the text, how it is cut into parts, and the marks. Parts and marks are
    // compared by value, so the same text with the same annotations is rendered once.
    private sealed record MappedSource(string Text, IReadOnlyList<TextPart> Parts, IReadOnlyList<Highlight> Highlights)
    {
        public bool Equals(MappedSource? other) => other is not null && Text == other.Text
            && Parts.SequenceEqual(other.Parts) && Highlights.SequenceEqual(other.Highlights);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Text);
            foreach (var h in Highlights)
            {
                hash.Add(h);
            }
            return hash.ToHashCode();
        }
    }

    private static readonly BoundedMemo<MappedSource, string> RenderedMapped = new(MemoChars,
        k => k.Text.Length, v => v.Length);

    private static string ConvertMapped(string text, IReadOnlyList<TextPart> parts, IReadOnlyList<Highlight> highlights)
    {
        var html = new StringBuilder(text.Length * 2);
        if (parts.Count == 0 || TextPart.Join(parts) != text)
        {
            AppendLines(html, text.TrimEnd('\n'), 0, highlights);
            return html.ToString();
        }
        var at = 0;
        foreach (var part in parts)
        {
            html.Append("<h2 class=\"app-evidence__heading\">");
            AppendMapped(html, part.Heading, at, highlights);
            html.Append("</h2>\n");
            var bodyAt = at + part.Heading.Length + 1;
            if (part.IsMarkdown)
            {
                html.Append(RenderMapped(part.Body, bodyAt, highlights));
            }
            else
            {
                AppendLines(html, part.Body, bodyAt, highlights);
            }
            at = bodyAt + part.Body.Length + 2;
        }
        return html.ToString();
    }

    /// <summary>
    /// A stored passage as it reads on the page: the marks of emphasis and code dropped, and the list dashes and
    /// heading hashes that begin its lines (a quote is a run of words, so its lines join with a space).
    /// </summary>
    public static string AsRead(string passage) => string.Join(' ', passage.Split('\n')
        .Select(line => MarkdownLineStart().Replace(line, "").Replace("**", "", StringComparison.Ordinal)
            .Replace("__", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim())
        .Where(line => line.Length > 0));

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:[-+*]\s+|#{1,6}\s+|>\s*)")]
    private static partial System.Text.RegularExpressions.Regex MarkdownLineStart();

    /// <summary>
    /// True when a selection's offsets cover the words the reader selected: the rendered text drops Markdown's
    /// marks (<c>**</c>, <c>#</c>, list dashes), so only letters and digits are compared.
    /// </summary>
    public static bool ShowsAs(string source, string shown)
    {
        static string Letters(string s) => string.Concat(s.Where(char.IsLetterOrDigit));
        var letters = Letters(shown);
        return letters.Length > 0 && Letters(source) == letters;
    }

    private static void AppendLines(StringBuilder html, string body, int at, IReadOnlyList<Highlight> highlights)
    {
        html.Append("<p>");
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                html.Append("<br>\n");
            }
            AppendMapped(html, lines[i], at, highlights);
            at += lines[i].Length + 1;
        }
        html.Append("</p>\n");
    }

    private static string RenderMapped(string markdown, int at, IReadOnlyList<Highlight> highlights)
    {
        var document = Markdig.Markdown.Parse(markdown, MappedPipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.IsImage = false;
        }
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        MappedPipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<LiteralInlineRenderer>(new MappedLiteralRenderer(markdown, at, highlights));
        renderer.Render(document);
        writer.Flush();
        return MappedSanitizer.Sanitize(writer.ToString());
    }

    /// <summary>Encodes a run of the text in a span naming its offset, with marks where highlights cover it.</summary>
    private static void AppendMapped(StringBuilder html, string run, int at, IReadOnlyList<Highlight> highlights)
    {
        if (run.Length == 0)
        {
            return;
        }
        html.Append("<span data-at=\"").Append(at.ToString(CultureInfo.InvariantCulture)).Append("\">");
        Highlighter.AppendMarked(html, run, at, highlights);
        html.Append("</span>");
    }

    /// <summary>Writes literal text as mapped runs when it is the source's characters as they stand.</summary>
    private sealed class MappedLiteralRenderer(string source, int at, IReadOnlyList<Highlight> highlights)
        : HtmlObjectRenderer<LiteralInline>
    {
        protected override void Write(HtmlRenderer renderer, LiteralInline literal)
        {
            var content = literal.Content.ToString();
            var span = literal.Span;
            if (renderer.EnableHtmlForInline && span.Start >= 0 && span.Length == content.Length
                && span.Start + span.Length <= source.Length
                && string.CompareOrdinal(source, span.Start, content, 0, content.Length) == 0)
            {
                var html = new StringBuilder(content.Length + 32);
                AppendMapped(html, content, at + span.Start, highlights);
                renderer.Write(html.ToString());
                return;
            }
            renderer.WriteEscape(ref literal.Content);
        }
    }
}
