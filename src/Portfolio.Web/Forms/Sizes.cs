namespace Portfolio.Web.Forms;

public static class Sizes
{
    /// <summary>A file size as people read it: "820 KB", "3.1 MB".</summary>
    public static string Describe(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : $"{Math.Max(1, bytes / 1024)} KB";
}
