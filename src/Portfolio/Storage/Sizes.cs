using System.Globalization;

namespace Portfolio.Storage;

public static class Sizes
{
    /// <summary>A file size as people read it: "820 KB", "3.1 MB", "1.4 GB".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MB"),
        0 => "0 KB",
        _ => $"{Math.Max(1, bytes / 1024)} KB",
    };
}
