using System.Text.RegularExpressions;

namespace Portfolio.Evidence;

/// <summary>The highlighted words and a little of the text either side (W3C TextQuoteSelector).</summary>
public sealed record TextQuote(string Exact, string Prefix, string Suffix);

/// <summary>Character offsets of the highlight, end exclusive (W3C TextPositionSelector).</summary>
public sealed record TextPosition(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>How an anchor was found again in an edited text.</summary>
public enum AnchorStatus
{
    /// <summary>The quote still sits at its old offsets.</summary>
    InPlace,

    /// <summary>The quote was found unchanged elsewhere (text was added or removed around it).</summary>
    Moved,

    /// <summary>Text close to the quote was found; the words inside it were edited a little.</summary>
    Approximate,

    /// <summary>The passage is gone; the annotation should be shown apart from the text.</summary>
    Orphaned,
}

/// <summary>Where an anchor landed. <paramref name="Anchor"/> is re-made against the new text (null when orphaned), ready to store.</summary>
public sealed record AnchorResolution(AnchorStatus Status, AnnotationAnchor? Anchor);

/// <summary>
/// The outcome of looking up a quote a candidate typed or pasted (the no-JavaScript way to
/// annotate). When it occurs more than once the first is used and <see cref="IsAmbiguous"/>
/// lets the page ask for a longer quote.
/// </summary>
public sealed record QuoteLookup(AnnotationAnchor? Anchor, int Occurrences)
{
    public bool IsFound => Anchor is not null;

    public bool IsAmbiguous => Occurrences > 1;
}

/// <summary>
/// Anchors an annotation to a passage of evidence text the way W3C Web Annotations do: the quote
/// with some context, plus offsets. Offsets alone break on the first edit before the passage;
/// the quote and its context let the annotation follow the passage through later revisions.
/// </summary>
public sealed record AnnotationAnchor(TextQuote Quote, TextPosition Position)
{
    /// <summary>Characters of context kept either side of the quote.</summary>
    public const int ContextLength = 32;

    // A fuzzy search costs quote length × text length; past this we search near the old position only.
    private const long MaxFuzzyCells = 20_000_000;

    public static AnnotationAnchor Create(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start < 0 || end > text.Length || start >= end)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"A highlight needs 0 <= start < end <= {text.Length}; got {start}..{end}.");
        }
        int prefixStart = Math.Max(0, start - ContextLength);
        int suffixEnd = Math.Min(text.Length, end + ContextLength);
        return new AnnotationAnchor(
            new TextQuote(text[start..end], text[prefixStart..start], text[end..suffixEnd]),
            new TextPosition(start, end));
    }

    /// <summary>Anchors the first place <paramref name="quote"/> occurs, ignoring differences in spacing and line breaks.</summary>
    public static QuoteLookup FromQuote(string text, string quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] words = (quote ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new QuoteLookup(null, 0);
        }
        // Pasted quotes lose or gain line breaks and double spaces; match any run of whitespace.
        var pattern = new Regex(string.Join(@"\s+", words.Select(Regex.Escape)), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        MatchCollection matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            // Words copied from the rendered page lack the Markdown marks the text holds (**bold**, list dashes,
            // heading hashes): let marks stand between any two characters and inside the gaps between words.
            pattern = new Regex(string.Join(@"(?:[\s*_`~#>+-]+)", words.Select(w => string.Join(@"[*_`~]*",
                w.Select(c => Regex.Escape(c.ToString()))))), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            matches = pattern.Matches(text);
        }
        return matches.Count == 0
            ? new QuoteLookup(null, 0)
            : new QuoteLookup(Create(text, matches[0].Index, matches[0].Index + matches[0].Length), matches.Count);
    }

    /// <summary>Finds this anchor's passage in <paramref name="newText"/>: in place, moved, slightly edited, or orphaned.</summary>
    public AnchorResolution Resolve(string newText)
    {
        ArgumentNullException.ThrowIfNull(newText);
        string exact = Quote.Exact;
        if (exact.Length == 0)
        {
            return new AnchorResolution(AnchorStatus.Orphaned, null);
        }

        if (Position.Start >= 0 && Position.Start + exact.Length <= newText.Length
            && string.CompareOrdinal(newText, Position.Start, exact, 0, exact.Length) == 0)
        {
            return Found(AnchorStatus.InPlace, newText, Position.Start, Position.Start + exact.Length);
        }

        int best = -1;
        double bestScore = double.MinValue;
        for (int at = newText.IndexOf(exact, StringComparison.Ordinal); at >= 0; at = newText.IndexOf(exact, at + 1, StringComparison.Ordinal))
        {
            double score = ContextScore(newText, at, at + exact.Length);
            if (score > bestScore)
            {
                (best, bestScore) = (at, score);
            }
        }
        if (best >= 0)
        {
            return Found(AnchorStatus.Moved, newText, best, best + exact.Length);
        }

        return FindApproximately(newText) is { } range
            ? Found(AnchorStatus.Approximate, newText, range.Start, range.End)
            : new AnchorResolution(AnchorStatus.Orphaned, null);
    }

    private static AnchorResolution Found(AnchorStatus status, string text, int start, int end) =>
        new(status, Create(text, start, end));

    // Characters of matching context either side, less a fraction (< 1) for distance from the old
    // position, so context decides and nearness only breaks ties.
    private double ContextScore(string text, int start, int end)
    {
        int prefixMatch = 0;
        while (prefixMatch < Quote.Prefix.Length && start - prefixMatch - 1 >= 0
               && text[start - prefixMatch - 1] == Quote.Prefix[^(prefixMatch + 1)])
        {
            prefixMatch++;
        }
        int suffixMatch = 0;
        while (suffixMatch < Quote.Suffix.Length && end + suffixMatch < text.Length
               && text[end + suffixMatch] == Quote.Suffix[suffixMatch])
        {
            suffixMatch++;
        }
        double distance = Math.Abs(start - Position.Start) / (double)(text.Length + 1);
        return prefixMatch + suffixMatch - distance;
    }

    /// <summary>
    /// Sellers' approximate substring search: the place in the text with the fewest edits
    /// (insertions, deletions, changes) from the quote, accepted when at most one edit in eight
    /// characters. Short quotes (under eight characters) must match exactly.
    /// </summary>
    private TextPosition? FindApproximately(string text)
    {
        string pattern = Quote.Exact;
        int m = pattern.Length;
        int maxEdits = m / 8;
        if (maxEdits == 0 || text.Length == 0)
        {
            return null;
        }

        int from = 0, to = text.Length;
        if ((long)m * text.Length > MaxFuzzyCells)
        {
            int reach = (int)(MaxFuzzyCells / m / 2);
            from = Math.Clamp(Position.Start - reach, 0, text.Length);
            to = Math.Clamp(Position.Start + reach, from, text.Length);
        }

        // cost[i] = edits to match pattern[..i] ending at the current text position; origin[i] = where that match starts.
        var cost = new int[m + 1];
        var origin = new int[m + 1];
        var nextCost = new int[m + 1];
        var nextOrigin = new int[m + 1];
        for (int i = 0; i <= m; i++)
        {
            cost[i] = i;
            origin[i] = from;
        }

        TextPosition? best = null;
        double bestScore = double.MinValue;
        int bestEdits = int.MaxValue;
        for (int j = from; j < to; j++)
        {
            nextCost[0] = 0;
            nextOrigin[0] = j + 1;
            for (int i = 1; i <= m; i++)
            {
                int change = cost[i - 1] + (pattern[i - 1] == text[j] ? 0 : 1);
                int skipText = cost[i] + 1;
                int skipPattern = nextCost[i - 1] + 1;
                if (change <= skipText && change <= skipPattern)
                {
                    (nextCost[i], nextOrigin[i]) = (change, origin[i - 1]);
                }
                else if (skipText <= skipPattern)
                {
                    (nextCost[i], nextOrigin[i]) = (skipText, origin[i]);
                }
                else
                {
                    (nextCost[i], nextOrigin[i]) = (skipPattern, nextOrigin[i - 1]);
                }
            }
            (cost, nextCost) = (nextCost, cost);
            (origin, nextOrigin) = (nextOrigin, origin);

            int edits = cost[m];
            if (edits <= maxEdits && edits <= bestEdits)
            {
                int start = origin[m];
                int end = j + 1;
                double score = ContextScore(text, start, end);
                if (edits < bestEdits || score > bestScore)
                {
                    (best, bestScore, bestEdits) = (new TextPosition(start, end), score, edits);
                }
            }
        }
        return best is { Length: > 0 } ? best : null;
    }
}
