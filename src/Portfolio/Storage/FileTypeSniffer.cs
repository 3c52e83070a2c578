using System.IO.Compression;
using System.Text;

namespace Portfolio.Storage;

/// <summary>What the content of a file turned out to be: an accepted type, or the reason it is refused.</summary>
public sealed record SniffResult(StoredFileType? Type, string? RejectionReason)
{
    public bool IsAccepted => Type is not null;

    public static SniffResult Accept(StoredFileType type) => new(type, null);

    public static SniffResult Reject(string reason) => new(null, reason);
}

/// <summary>
/// Decides a file's type from its bytes. The name and the browser's Content-Type are whatever the
/// uploader says they are, so neither is trusted; a name is only used to refuse a file whose
/// content contradicts it (a ".pdf" that is really a web page).
/// </summary>
public static class FileTypeSniffer
{
    /// <summary>How much of the start of a file is read to decide its type (and to check text is text).</summary>
    public const int HeadLength = 64 * 1024;

    private static readonly Dictionary<string, StoredFileType[]> TypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = [StoredFileType.Pdf],
        [".docx"] = [StoredFileType.Docx],
        [".png"] = [StoredFileType.Png],
        [".jpg"] = [StoredFileType.Jpeg],
        [".jpeg"] = [StoredFileType.Jpeg],
        [".txt"] = [StoredFileType.PlainText],
        [".md"] = [StoredFileType.PlainText],
        [".csv"] = [StoredFileType.PlainText],
        [".mp3"] = [StoredFileType.Mp3],
        // Audio-only MP4 files are often named .mp4 and videos .m4a is rare but harmless.
        [".m4a"] = [StoredFileType.M4a, StoredFileType.Mp4],
        [".mp4"] = [StoredFileType.Mp4, StoredFileType.M4a],
    };

    // Office documents that can carry macros: never stored, whatever their content turns out to be.
    private static readonly HashSet<string> MacroExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam", ".sldm",
    };

    private const string MacroMessage = "This document can hold macros (programs that run when it is opened), "
        + "so we do not accept it. Save it in Word as a Word Document (.docx) or as PDF and upload that instead.";

    private static readonly HashSet<string> VideoBrands = new(StringComparer.Ordinal)
    {
        "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "mmp4", "dash", "MSNV", "3gp4", "3gp5",
    };

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static readonly HashSet<string> AudioBrands = new(StringComparer.Ordinal) { "M4A ", "M4B " };

    /// <summary>
    /// Sniffs a seekable stream from its current start. <paramref name="claimedName"/>, when given,
    /// is checked against the content. The stream position is left unspecified.
    /// </summary>
    public static SniffResult Sniff(Stream content, string? claimedName = null)
    {
        if (!content.CanSeek || !content.CanRead)
        {
            throw new ArgumentException("Sniffing needs a readable, seekable stream (a ZIP is read from its end).", nameof(content));
        }
        content.Position = 0;
        byte[] head = new byte[HeadLength];
        int length = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        SniffResult result = SniffContent(content, head.AsSpan(0, length), length < head.Length);
        return result.Type is { } type ? CheckName(type, claimedName) : result;
    }

    private static SniffResult SniffContent(Stream content, ReadOnlySpan<byte> head, bool isWholeFile)
    {
        if (head.IsEmpty)
        {
            return SniffResult.Reject("The file is empty.");
        }
        if (head.StartsWith("%PDF-"u8))
        {
            return SniffResult.Accept(StoredFileType.Pdf);
        }
        if (head.StartsWith(PngSignature))
        {
            return SniffResult.Accept(StoredFileType.Png);
        }
        if (head.StartsWith(JpegSignature))
        {
            return SniffResult.Accept(StoredFileType.Jpeg);
        }
        if (head.StartsWith("PK\x03\x04"u8))
        {
            return SniffZip(content);
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return SniffIsoMedia(head);
        }
        if (head.StartsWith("ID3"u8) || IsMp3FrameHeader(head))
        {
            return SniffResult.Accept(StoredFileType.Mp3);
        }
        return SniffText(head, isWholeFile);
    }

    private static SniffResult SniffZip(Stream content)
    {
        try
        {
            // Opening a ZIP reads its whole entry list into memory: a list of millions is refused first.
            if (ZipEntryCount(content) is not { } count || count > MaxZipEntries)
            {
                return SniffResult.Reject("This file looks like a Word document but holds far more parts than any "
                    + "document does, so we do not accept it. Save it again from Word, or as PDF.");
            }
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            // Reading the entry list only touches the central directory; nothing is decompressed.
            bool isWord = zip.Entries.Any(e => e.FullName == "word/document.xml")
                && zip.Entries.Any(e => e.FullName == "[Content_Types].xml");
            if (isWord && zip.Entries.Any(e => e.Name.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                || e.Name.Equals("vbaData.xml", StringComparison.OrdinalIgnoreCase)))
            {
                return SniffResult.Reject(MacroMessage);
            }
            return isWord
                ? SniffResult.Accept(StoredFileType.Docx)
                : SniffResult.Reject("This is a ZIP archive but not a Word (.docx) document. Upload the documents inside it one by one.");
        }
        catch (InvalidDataException)
        {
            return SniffResult.Reject("The file looks like a Word document or ZIP archive but it is damaged.");
        }
    }

    private const int MaxZipEntries = 5000;

    // From the end-of-central-directory record: the last 22 bytes of the file, or more with a comment (up to 64 KB).
    // A ZIP64 archive reads as 65535 here, which is over the limit anyway.
    private static int? ZipEntryCount(Stream content)
    {
        const int recordLength = 22;
        long tailLength = Math.Min(content.Length, recordLength + ushort.MaxValue);
        byte[] tail = new byte[tailLength];
        content.Position = content.Length - tailLength;
        content.ReadExactly(tail);
        for (int at = tail.Length - recordLength; at >= 0; at--)
        {
            if (tail.AsSpan(at).StartsWith("PK\x05\x06"u8))
            {
                return tail[at + 10] | (tail[at + 11] << 8);
            }
        }
        return null;
    }

    private static SniffResult SniffIsoMedia(ReadOnlySpan<byte> head)
    {
        int boxSize = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
        int end = Math.Min(boxSize is >= 16 ? boxSize : 16, head.Length);
        var brands = new List<string> { Encoding.ASCII.GetString(head[8..12]) };
        // After the major brand comes a 4-byte minor version, then the compatible brands.
        for (int at = 16; at + 4 <= end; at += 4)
        {
            brands.Add(Encoding.ASCII.GetString(head[at..(at + 4)]));
        }
        if (AudioBrands.Contains(brands[0]))
        {
            return SniffResult.Accept(StoredFileType.M4a);
        }
        if (brands.Any(VideoBrands.Contains))
        {
            return SniffResult.Accept(StoredFileType.Mp4);
        }
        if (brands.Any(AudioBrands.Contains))
        {
            return SniffResult.Accept(StoredFileType.M4a);
        }
        return SniffResult.Reject($"This media file (brand \"{brands[0].Trim()}\") is not one we can play. Please save it as MP4, M4A or MP3.");
    }

    // An MPEG audio frame header: 11 sync bits, a valid version, layer III, and a usable bitrate and sample rate.
    private static bool IsMp3FrameHeader(ReadOnlySpan<byte> head) =>
        head.Length >= 4
        && head[0] == 0xFF
        && (head[1] & 0xE0) == 0xE0
        && (head[1] & 0x18) != 0x08
        && (head[1] & 0x06) == 0x02
        && (head[2] & 0xF0) is not 0x00 and not 0xF0
        && (head[2] & 0x0C) != 0x0C;

    private static SniffResult SniffText(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        ReadOnlySpan<byte> bytes = head.StartsWith(Utf8ByteOrderMark) ? head[3..] : head;
        if (!isWholeFile)
        {
            // The read may have cut a multi-byte character in two; drop the partial one.
            int cut = bytes.Length;
            for (int back = 1; back <= 3 && back <= bytes.Length; back++)
            {
                byte b = bytes[^back];
                if ((b & 0xC0) == 0xC0)
                {
                    cut = bytes.Length - back;
                    break;
                }
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }
            bytes = bytes[..cut];
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return SniffResult.Reject("This file is not a type we accept. Please upload a PDF, Word (.docx), PNG or JPEG image, plain text, MP3, M4A or MP4 file.");
        }

        int control = 0;
        foreach (char c in text)
        {
            if (c == '\0')
            {
                return SniffResult.Reject("This file is not a type we accept. Please upload a PDF, Word (.docx), PNG or JPEG image, plain text, MP3, M4A or MP4 file.");
            }
            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t' and not '\f')
            {
                control++;
            }
        }
        if (control > text.Length / 100)
        {
            return SniffResult.Reject("This file does not look like readable text.");
        }

        // A web page or SVG is text, but a browser may still run it; we never accept markup as a file.
        string start = text.TrimStart().ToLowerInvariant();
        if (start.StartsWith('<') && (start.StartsWith("<!doctype") || start.StartsWith("<html") || start.StartsWith("<?xml")
            || start.StartsWith("<svg") || start.StartsWith("<script") || start.StartsWith("<head") || start.StartsWith("<body")
            || start.StartsWith("<!--") || start.StartsWith("<iframe")))
        {
            return SniffResult.Reject("This file is a web page or markup, which we do not accept. Save it as PDF or plain text instead.");
        }
        return SniffResult.Accept(StoredFileType.PlainText);
    }

    private static SniffResult CheckName(StoredFileType type, string? claimedName)
    {
        string extension = Path.GetExtension(claimedName ?? "");
        if (MacroExtensions.Contains(extension))
        {
            return SniffResult.Reject(MacroMessage);
        }
        // Text under a name such as .js, .html or .bat would be run, not read, by whoever downloads it.
        if (type == StoredFileType.PlainText && extension.Length > 0 && !TypesByExtension.ContainsKey(extension))
        {
            return SniffResult.Reject($"Files ending {extension} are not accepted: a computer may run them rather than "
                + "show them. Upload a PDF, Word (.docx), PNG or JPEG image, plain text (.txt, .md, .csv), MP3, M4A or "
                + "MP4 file.");
        }
        if (TypesByExtension.TryGetValue(extension, out StoredFileType[]? expected) && !expected.Contains(type))
        {
            return SniffResult.Reject($"The file is named {extension} but its content is a {type.Name.ToLowerInvariant()}. Please check you chose the right file.");
        }
        return SniffResult.Accept(type);
    }
}
