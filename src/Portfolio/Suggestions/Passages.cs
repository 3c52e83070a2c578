using System.Text.RegularExpressions;

namespace Portfolio.Suggestions;

/// <summary>A sentence of an item's text or of a file's extracted text, by offsets into that text.</summary>
public sealed record Passage(string? FileSha256, int Start, int End, string Text);

/// <summary>Why a text gets no suggestions, in words a candidate or assessor can act on.</summary>
public enum NoSuggestions { None, Empty, TooLong, NotEnglish, TableOnly, ModelUnavailable, SwitchedOff, Failed }

/// <summary>Splits evidence into sentences and says when a text is not something the English sentence model can read.</summary>
public static partial class Passages
{
    /// <summary>Past this many words an item gets no suggestions (about 12 pages): read, not suggested, and said so.</summary>
    public const int MaxWords = 12_000;

    const int MinWords = 4;

    // The commonest English words: ordinary English prose is full of them, other languages and word lists are not.
    static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "to", "of", "a", "in", "that", "is", "was", "it", "for", "on", "with", "as", "i", "he", "she", "they",
        "we", "you", "her", "his", "their", "my", "our", "be", "had", "have", "has", "at", "by", "this", "from", "or", "an",
        "not", "but", "what", "all", "were", "when", "there", "can", "would", "will", "so", "if", "about", "which", "them",
        "me", "him", "did", "do", "how", "could", "should", "been", "are", "who", "then", "some", "more", "into", "after",
    };

    /// <summary>The sentences of one text worth reading: headings, list markers and table rules are not sentences.</summary>
    public static IEnumerable<Passage> Split(string text, string? fileSha256 = null)
    {
        foreach (Match line in LineRegex().Matches(text))
        {
            if (IsTableLine(line.Value))
            {
                continue;
            }
            var body = LeadRegex().Match(line.Value);
            var offset = line.Index + body.Length;
            var rest = line.Value[body.Length..];
            var from = 0;
            foreach (Match end in SentenceEndRegex().Matches(rest))
            {
                if (Make(fileSha256, rest, offset, from, end.Index + 1) is { } p)
                {
                    yield return p;
                }
                from = end.Index + end.Length;
            }
            if (Make(fileSha256, rest, offset, from, rest.TrimEnd().Length) is { } last)
            {
                yield return last;
            }
        }
    }

    static Passage? Make(string? file, string line, int offset, int from, int to)
    {
        while (from < to && char.IsWhiteSpace(line[from]))
        {
            from++;
        }
        if (to <= from)
        {
            return null;
        }
        var sentence = line[from..to];
        return Words(sentence).Count() < MinWords ? null : new Passage(file, offset + from, offset + to, sentence);
    }

    /// <summary>Why the texts (an item's own and its files') get no suggestions, or <see cref="NoSuggestions.None"/>.</summary>
    public static NoSuggestions Check(IReadOnlyList<string> texts)
    {
        var lines = texts.SelectMany(t => t.Split('\n')).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count == 0)
        {
            return NoSuggestions.Empty;
        }
        // Headings and labels are not sentences: a text whose only sentences would be table cells is a table.
        if (!lines.Any(l => !IsTableLine(l) && Words(l).Count() >= MinWords))
        {
            return lines.Any(IsTableLine) ? NoSuggestions.TableOnly : NoSuggestions.Empty;
        }
        var words = texts.SelectMany(Words).ToList();
        if (words.Count > MaxWords)
        {
            return NoSuggestions.TooLong;
        }
        if (words.Count < MinWords)
        {
            return NoSuggestions.Empty;
        }
        var english = words.Count(EnglishWords.Contains);
        return english * 12 < words.Count ? NoSuggestions.NotEnglish : NoSuggestions.None;
    }

    static bool IsTableLine(string line) => line.TrimStart() is var t && (t.StartsWith('|') || TableRuleRegex().IsMatch(t));

    static IEnumerable<string> Words(string text) => WordRegex().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"[^\n]+")]
    private static partial Regex LineRegex();

    // Markdown a line may start with: headings, quotes, list bullets and numbers, and "Label:" lines the forms write.
    [GeneratedRegex(@"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,3}[.)]\s+)*")]
    private static partial Regex LeadRegex();

    [GeneratedRegex(@"(?<=[a-z0-9)""'’”%])[.!?]+(?=\s+[""'‘“(]?[A-Z0-9])")]
    private static partial Regex SentenceEndRegex();

    [GeneratedRegex(@"^[\s|:+-]+$")]
    private static partial Regex TableRuleRegex();

    [GeneratedRegex(@"\p{L}[\p{L}'’-]*")]
    private static partial Regex WordRegex();
}
