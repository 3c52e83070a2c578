namespace Portfolio.Storage;

/// <summary>A kind of file the portfolio accepts, with the MIME type it is served as and its usual extension.</summary>
public sealed record StoredFileType(string Name, string MimeType, string Extension)
{
    public static readonly StoredFileType Pdf = new("PDF document", "application/pdf", ".pdf");
    public static readonly StoredFileType Docx = new("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly StoredFileType Png = new("PNG image", "image/png", ".png");
    public static readonly StoredFileType Jpeg = new("JPEG image", "image/jpeg", ".jpg");
    public static readonly StoredFileType PlainText = new("Plain text", "text/plain; charset=utf-8", ".txt");
    public static readonly StoredFileType Mp3 = new("MP3 audio", "audio/mpeg", ".mp3");
    public static readonly StoredFileType M4a = new("M4A audio", "audio/mp4", ".m4a");
    public static readonly StoredFileType Mp4 = new("MP4 video", "video/mp4", ".mp4");

    public static IReadOnlyList<StoredFileType> All { get; } = [Pdf, Docx, Png, Jpeg, PlainText, Mp3, M4a, Mp4];

    /// <summary>Whether text can be extracted from files of this type, to annotate and search.</summary>
    public bool HasText => this == Pdf || this == Docx || this == PlainText;

    /// <summary>Whether files of this type are pictures, shown inline and annotated by region.</summary>
    public bool IsPicture => this == Png || this == Jpeg;

    /// <summary>The type with this MIME type (as stored alongside a file), or null.</summary>
    public static StoredFileType? FromMimeType(string? mimeType) =>
        All.FirstOrDefault(t => string.Equals(t.MimeType, mimeType, StringComparison.OrdinalIgnoreCase));
}
