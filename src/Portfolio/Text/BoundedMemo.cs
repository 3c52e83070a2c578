using System.Collections.Concurrent;

namespace Portfolio.Text;

/// <summary>
/// Results of a pure function of a text kept in memory by exactly the input they came from, so a page shown again
/// after a change elsewhere (a first view under the page cache) does not parse, sanitise or scan the same text again.
/// An entry is found only by presenting the very text it came from: a changed, redacted or erased text is never
/// answered from here, and its old entry only waits, unreachable, until the memo empties. Bounded by the characters
/// it holds (inputs and results): past the bound it starts again empty. Inputs longer than a sixteenth of the bound
/// are worked out every time rather than kept.
/// </summary>
public sealed class BoundedMemo<TKey, TValue>(long maxChars, Func<TKey, int> keyChars, Func<TValue, int> valueChars)
    where TKey : notnull
{
    readonly ConcurrentDictionary<TKey, TValue> entries = new();
    long held;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> work)
    {
        if (entries.TryGetValue(key, out var kept))
        {
            return kept;
        }
        var value = work(key);
        var size = (long)keyChars(key) + valueChars(value);
        if (size > maxChars / 16)
        {
            return value;
        }
        if (Interlocked.Add(ref held, size) > maxChars)
        {
            entries.Clear();
            Interlocked.Exchange(ref held, size);
        }
        entries.TryAdd(key, value);
        return value;
    }

    /// <summary>How many results are kept now.</summary>
    public int Count => entries.Count;
}
