namespace Portfolio.Web.Forms;

public static class Sizes
{
    /// <summary>A file size as people read it: "820 KB", "3.1 MB".</summary>
    public static string Describe(long bytes) => global::Portfolio.Storage.FileDescriptions.Size(bytes);
}
