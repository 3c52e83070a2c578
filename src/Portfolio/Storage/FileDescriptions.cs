using System.Globalization;

namespace Portfolio.Storage;

/// <summary>How a stored file is described wherever files are listed: "Word document, 12 KB".</summary>
public static class FileDescriptions
{
    /// <summary>A file size as people read it: "820 KB", "3.1 MB".</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{Math.Max(1, bytes / 1024)} KB");

    /// <summary>The kind's everyday name ("Word document"), never a raw MIME type.</summary>
    public static string KindName(string? mimeType) => StoredFileType.FromMimeType(mimeType)?.Name ?? "File";

    public static string Describe(string? mimeType, long bytes) => $"{KindName(mimeType)}, {Size(bytes)}";
}
