using System.Net;
using System.Text;

namespace Portfolio.Text;

/// <summary>A stretch of text to highlight: [Start, End) with the CSS class of its mark and an optional title.</summary>
public sealed record Highlight(int Start, int End, string CssClass, string? Title = null, string? Reference = null);

/// <summary>
/// Plain text to HTML with &lt;mark&gt;s around highlighted stretches. Overlapping highlights are split into
/// segments so marks never interleave; the text itself is HTML-encoded and otherwise unchanged, so the page's
/// text is exactly the stored text (annotation offsets count the same characters).
/// </summary>
public static class Highlighter
{
    public static string ToHtml(string text, IEnumerable<Highlight> highlights)
    {
        var spans = highlights.Where(h => h.Start >= 0 && h.End <= text.Length && h.End > h.Start).ToList();
        var cuts = spans.SelectMany(h => new[] { h.Start, h.End }).Append(0).Append(text.Length).Distinct().Order().ToList();
        var html = new StringBuilder(text.Length + spans.Count * 64);
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (start, end) = (cuts[i], cuts[i + 1]);
            var covering = spans.Where(h => h.Start <= start && h.End >= end).ToList();
            var segment = WebUtility.HtmlEncode(text[start..end]);
            foreach (var group in covering.GroupBy(h => h.CssClass).Reverse())
            {
                var title = string.Join("; ", group.Select(h => h.Title).Where(t => !string.IsNullOrEmpty(t)));
                var refs = string.Join(' ', group.Select(h => h.Reference).Where(r => !string.IsNullOrEmpty(r)));
                segment = $"<mark class=\"{WebUtility.HtmlEncode(group.Key)}\""
                    + (refs.Length > 0 ? $" data-annotations=\"{WebUtility.HtmlEncode(refs)}\"" : "")
                    + (title.Length > 0 ? $" title=\"{WebUtility.HtmlEncode(title)}\"" : "")
                    + $">{segment}</mark>";
            }
            html.Append(segment);
        }
        return html.ToString();
    }
}
