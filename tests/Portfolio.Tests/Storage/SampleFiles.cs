using System.IO.Compression;
using System.Security;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Portfolio.Tests.Storage;

/// <summary>Small but real files of each accepted type, built in memory for the tests.</summary>
internal static class SampleFiles
{
    public static byte[] Docx(params string[] paragraphs) => Zip(DocxParts(paragraphs));

    /// <summary>A Word document carrying a VBA project, as Word saves one with macros.</summary>
    public static byte[] DocxWithMacros(string paragraph) =>
        Zip([.. DocxParts([paragraph]), ("word/vbaProject.bin", "Attribute VB_Name = \"ThisDocument\"")]);

    static (string Name, string Content)[] DocxParts(string[] paragraphs)
    {
        var body = string.Concat(paragraphs.Select(p => $"<w:p><w:r><w:t xml:space=\"preserve\">{SecurityElement.Escape(p)}</w:t></w:r></w:p>"));
        return [
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""),
            ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""),
            ("word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"""),
        ];
    }

    /// <summary>
    /// A small Word document whose body XML expands to <paramref name="xmlBytes"/>: <paramref name="opening"/>, then
    /// <paramref name="repeated"/> over and over, then <paramref name="closing"/> (a ZIP bomb, built as it streams).
    /// </summary>
    public static byte[] DocxBomb(string opening, string repeated, string closing, long xmlBytes)
    {
        var parts = DocxParts([]);
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts.Where(p => p.Name != "word/document.xml"))
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
            using var body = zip.CreateEntry("word/document.xml").Open();
            body.Write(Encoding.UTF8.GetBytes(
                $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{opening}"""));
            byte[] chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(repeated, 65536 / repeated.Length)));
            for (long written = 0; written < xmlBytes; written += chunk.Length)
            {
                body.Write(chunk);
            }
            body.Write(Encoding.UTF8.GetBytes(closing + "</w:body></w:document>"));
        }
        return memory.ToArray();
    }

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        return memory.ToArray();
    }

    public static byte[] Pdf(params string[] pageTexts)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (string text in pageTexts)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText(text, 12, new PdfPoint(50, 700), font);
        }
        return builder.Build();
    }

    public static byte[] Png() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    /// <summary>An ISO media file's opening ftyp box with the given major and compatible brands.</summary>
    public static byte[] IsoMedia(string majorBrand, params string[] compatibleBrands)
    {
        var box = new List<byte>();
        int size = 16 + (4 * compatibleBrands.Length);
        box.AddRange([(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size]);
        box.AddRange("ftyp"u8.ToArray());
        box.AddRange(Encoding.ASCII.GetBytes(majorBrand));
        box.AddRange([0, 0, 0, 0]);
        foreach (string brand in compatibleBrands)
        {
            box.AddRange(Encoding.ASCII.GetBytes(brand));
        }
        box.AddRange([0, 0, 0, 8, (byte)'f', (byte)'r', (byte)'e', (byte)'e']);
        return [.. box];
    }

    public static byte[] Mp3WithId3() => [.. "ID3"u8.ToArray(), 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0];

    /// <summary>MPEG-1 layer III, 128 kbit/s, 44.1 kHz frame header with no tag in front.</summary>
    public static byte[] Mp3Frame() => [0xFF, 0xFB, 0x90, 0x64, .. new byte[413]];

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
