namespace Portfolio.Lists;

/// <summary>
/// Which page of a long list to show, and how many rows there are in all: every list page reads one page of rows
/// (LIMIT @take OFFSET @skip) and shows its total in the heading and links to the other pages (_Pagination).
/// </summary>
public sealed record Paging(int Page, int PageSize, int Total)
{
    public const int DefaultPageSize = 50;

    /// <summary>The query-string key of the page number: another key lets a second list on one page turn its own
    /// pages.</summary>
    public string Key { get; init; } = "pageNumber";

    /// <summary>What the list's page links are called to a screen reader, when a page has more than one list.</summary>
    public string Label { get; init; } = "Pagination";

    // The element ids of the links: the first list's plain, a second list's after its key.
    public string IdOf(string part) => Key == "pageNumber" ? part : $"{Key}-{part}";

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int Skip => (Page - 1) * PageSize;
    public int Take => PageSize;
    public int First => Total == 0 ? 0 : Skip + 1;
    public int Last => Math.Min(Total, Skip + PageSize);

    /// <summary>
    /// The total for a heading, and which rows show when there are several pages: "2,002 candidates, 51 to 100 shown".
    /// </summary>
    public string Describe(string one, string many) =>
        $"{Total:N0} {(Total == 1 ? one : many)}" + (Pages > 1 ? $", {First:N0} to {Last:N0} shown" : "");

    /// <summary>The page asked for in the query string: 1 when missing or out of range.</summary>
    public static int Requested(int? page) => page is > 0 and < 1_000_000 ? page.Value : 1;

    /// <summary>The page once the total is known, moved back to the last page when asked past the end.</summary>
    public Paging Clamped() => Page > Pages ? this with { Page = Pages } : this;

    /// <summary>
    /// Reads the asked-for page with <paramref name="read"/> (one statement: the page's rows, each carrying the total
    /// that match, e.g. <c>count(*) OVER ()</c>); asked past the end (the list shrank, a hand-made link), reads the
    /// last.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Rows, Paging Paging)> ReadAsync<T>(int? page, int pageSize,
        Func<Paging, Task<IReadOnlyList<T>>> read, Func<T, int> total)
    {
        var paging = new Paging(Requested(page), pageSize, 0);
        var rows = await read(paging);
        if (rows.Count == 0 && paging.Page > 1)
        {
            var first = await read(paging with { Page = 1 });
            paging = (paging with { Total = first.Count > 0 ? total(first[0]) : 0 }).Clamped();
            rows = paging.Page == 1 ? first : await read(paging);
        }
        return (rows, paging with { Total = rows.Count > 0 ? total(rows[0]) : 0 });
    }

    /// <summary>The page numbers to link, with 0 where a run of pages is left out: 1 … 4 5 6 … 20.</summary>
    public IReadOnlyList<int> Numbers()
    {
        var shown = new SortedSet<int> { 1, Pages, Page, Page - 1, Page + 1 };
        shown.RemoveWhere(p => p < 1 || p > Pages);
        var numbers = new List<int>();
        foreach (var p in shown)
        {
            if (numbers.Count > 0 && p > numbers[^1] + 1)
            {
                numbers.Add(0);
            }
            numbers.Add(p);
        }
        return numbers;
    }
}
