using System.IO.Compression;
using System.Text;
using System.Xml;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Portfolio.Storage;

/// <summary>Text taken from an uploaded file, or why there is none. <paramref name="IsTruncated"/> says the limit was reached.</summary>
public sealed record ExtractedText(string? Text, string? Problem, bool IsTruncated = false)
{
    public static ExtractedText Failed(string problem) => new(null, problem);
}

/// <summary>
/// Pulls plain text out of uploaded Word, PDF and text files, for search, the confidentiality
/// check and annotation. Uploads are untrusted, so it stops at a size limit and reports a damaged
/// file as a problem rather than throwing.
/// </summary>
public static class TextExtractor
{
    public const int DefaultMaxChars = 1_000_000;

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static ExtractedText Extract(Stream content, StoredFileType type, int maxChars = DefaultMaxChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        try
        {
            if (type == StoredFileType.Docx)
            {
                return FromDocx(content, maxChars);
            }
            if (type == StoredFileType.Pdf)
            {
                return FromPdf(content, maxChars);
            }
            if (type == StoredFileType.PlainText)
            {
                return FromPlainText(content, maxChars);
            }
            return ExtractedText.Failed($"{type.Name} files have no text to extract.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Any parser can fall over on a hostile or damaged file; the upload itself stays usable.
            return ExtractedText.Failed($"The text could not be read from this file ({ex.GetType().Name}).");
        }
    }

    private static ExtractedText FromDocx(Stream content, int maxChars)
    {
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        ZipArchiveEntry? document = zip.GetEntry("word/document.xml");
        if (document is null)
        {
            return ExtractedText.Failed("This Word file has no document body.");
        }

        var text = new BoundedText(maxChars);
        using var xml = new BoundedXmlStream(document.Open());
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true,
        };
        char[] chunk = new char[4096];
        try
        {
            using var reader = XmlReader.Create(xml, settings);
            while (!text.IsFull && reader.Read())
            {
                if (reader.NamespaceURI != WordNamespace)
                {
                    continue;
                }
                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "t" when !reader.IsEmptyElement:
                            AppendRun(reader, text, chunk);
                            break;
                        case "tab":
                            text.Append("\t");
                            break;
                        case "br" or "cr":
                            text.Append("\n");
                            break;
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "p")
                {
                    text.Append("\n");
                }
            }
        }
        catch (XmlException) when (xml.LimitReached)
        {
            // The document's XML is bigger than any real one: keep what was read, as a truncated text.
            text.MarkFull();
        }
        return text.ToResult();
    }

    // The text of one <w:t>, read a chunk at a time so that one enormous run never becomes one enormous string.
    private static void AppendRun(XmlReader reader, BoundedText text, char[] chunk)
    {
        while (!text.IsFull && reader.Read()
            && reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA)
        {
            int read;
            while (!text.IsFull && (read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                text.Append(chunk.AsSpan(0, read));
            }
        }
    }

    private static ExtractedText FromPdf(Stream content, int maxChars)
    {
        using PdfDocument pdf = PdfDocument.Open(content);
        var text = new BoundedText(maxChars);
        foreach (Page page in pdf.GetPages())
        {
            if (text.IsFull)
            {
                break;
            }
            text.Append(ContentOrderTextExtractor.GetText(page));
            text.Append("\n\n");
        }
        return text.ToResult();
    }

    private static ExtractedText FromPlainText(Stream content, int maxChars)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        char[] buffer = new char[maxChars + 1];
        int read = reader.ReadBlock(buffer, 0, buffer.Length);
        return read > maxChars
            ? new ExtractedText(new string(buffer, 0, maxChars), null, IsTruncated: true)
            : new ExtractedText(new string(buffer, 0, read), null);
    }

    private sealed class BoundedText(int maxChars)
    {
        private readonly StringBuilder text = new();
        private bool truncated;

        public bool IsFull => truncated;

        public void MarkFull() => truncated = true;

        public void Append(ReadOnlySpan<char> value)
        {
            if (truncated)
            {
                return;
            }
            int room = maxChars - text.Length;
            if (value.Length > room)
            {
                text.Append(value[..room]);
                truncated = true;
                return;
            }
            text.Append(value);
        }

        public ExtractedText ToResult() => new(text.ToString().TrimEnd(), null, truncated);
    }
}
