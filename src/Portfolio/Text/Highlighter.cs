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
        var html = new StringBuilder(text.Length + 64);
        AppendMarked(html, text, 0, highlights.Where(h => h.End <= text.Length));
        return html.ToString();
    }

    /// <summary>Appends <paramref name="run"/>, which starts at offset <paramref name="at"/> of a longer text, encoded and marked.</summary>
    internal static void AppendMarked(StringBuilder html, string run, int at, IEnumerable<Highlight> highlights)
    {
        var end = at + run.Length;
        var spans = highlights.Where(h => h.Start >= 0 && h.End > h.Start && h.Start < end && h.End > at).ToList();
        var cuts = spans.SelectMany(h => new[] { Math.Max(h.Start, at), Math.Min(h.End, end) })
            .Append(at).Append(end).Distinct().Order().ToList();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (start, stop) = (cuts[i], cuts[i + 1]);
            var segment = WebUtility.HtmlEncode(run[(start - at)..(stop - at)]);
            foreach (var group in spans.Where(h => h.Start <= start && h.End >= stop).GroupBy(h => h.CssClass).Reverse())
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
    }
}
