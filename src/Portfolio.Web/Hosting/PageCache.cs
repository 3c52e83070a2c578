using Microsoft.Extensions.Caching.Memory;

namespace Portfolio.Web.Hosting;

/// <summary>
/// What a page read from the database, kept in this node's memory with the version of the viewer's pages it saw
/// (migration M202611231000) and reused only while the version the session check brings back on this
/// request is the same.
/// Every write to anything a page shows changes the stamp in its own transaction, so a page never shows data older than
/// the request's own session check, on any node; a node that missed a change simply reads again. Bounded in entries
/// (PageCache:Entries, 2,000 by default; 0 turns the cache off) and idle entries leave after ten minutes.
/// </summary>
public sealed class PageCache(IConfiguration config) : IDisposable
{
    readonly int entries = Entries(config);
    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, Entries(config)), CompactionPercentage = 0.25 });

    static int Entries(IConfiguration config) => config.GetValue("PageCache:Entries", 2_000);

    sealed record Entry(string Stamp, object Value);

    /// <summary>
    /// The value kept under <paramref name="key"/> when it was read under <paramref name="stamp"/>; otherwise reads it with
    /// <paramref name="load"/> and keeps it. Without a stamp (the viewer's versions are unknown) it always reads.
    /// The key must name everything the value depends on besides the stamp: the viewer, the page and its arguments.
    /// Nothing found (null) is not kept.
    /// </summary>
    public async Task<T> GetOrLoadAsync<T>(string key, string? stamp, Func<Task<T>> load) where T : class?
    {
        if (stamp is null || entries <= 0)
        {
            return await load();
        }
        if (cache.TryGetValue(key, out Entry? kept) && kept!.Stamp == stamp && kept.Value is T value)
        {
            return value;
        }
        var loaded = await load();
        if (loaded is null)
        {
            return loaded;
        }
        cache.Set(key, new Entry(stamp, loaded), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return loaded;
    }

    public void Dispose() => cache.Dispose();
}
