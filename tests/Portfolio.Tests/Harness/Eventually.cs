namespace Portfolio.Tests.Harness;

/// <summary>For what happens between nodes or processes a moment later: asks again until it holds, within a limit.</summary>
public static class Eventually
{
    /// <summary>Asks every 100 ms until <paramref name="done"/> holds, for at most <paramref name="limit"/>.</summary>
    public static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            if (await done())
            {
                return true;
            }
            await Task.Delay(100);
        }
        while (clock.Elapsed < limit);
        return false;
    }
}
