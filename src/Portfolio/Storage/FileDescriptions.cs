namespace Portfolio.Storage;

/// <summary>How a stored file is described wherever files are listed: "Word document, 12 KB".</summary>
public static class FileDescriptions
{
    /// <summary>The kind's everyday name ("Word document"), never a raw MIME type.</summary>
    public static string KindName(string? mimeType) => StoredFileType.FromMimeType(mimeType)?.Name ?? "File";

    public static string Describe(string? mimeType, long bytes) => $"{KindName(mimeType)}, {Sizes.Describe(bytes)}";
}
