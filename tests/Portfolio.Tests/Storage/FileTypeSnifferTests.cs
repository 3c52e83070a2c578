using Portfolio.Storage;

namespace Portfolio.Tests.Storage;

public sealed class FileTypeSnifferTests
{
    public static TheoryData<string, byte[], string> AcceptedFiles => new()
    {
        { "pdf", SampleFiles.Pdf("Hello"), "application/pdf" },
        { "docx", SampleFiles.Docx("Hello"), StoredFileType.Docx.MimeType },
        { "png", SampleFiles.Png(), "image/png" },
        { "jpeg", SampleFiles.Jpeg(), "image/jpeg" },
        { "text", SampleFiles.Text("Action plan for Sam.\nStep 1: phone the college.\n"), StoredFileType.PlainText.MimeType },
        { "text with accents and a BOM", [0xEF, 0xBB, 0xBF, .. SampleFiles.Text("Café réflexion — naïve “quotes”")], StoredFileType.PlainText.MimeType },
        { "mp3 with ID3", SampleFiles.Mp3WithId3(), "audio/mpeg" },
        { "mp3 frame", SampleFiles.Mp3Frame(), "audio/mpeg" },
        { "m4a", SampleFiles.IsoMedia("M4A ", "M4A ", "mp42", "isom"), "audio/mp4" },
        { "mp4", SampleFiles.IsoMedia("isom", "isom", "iso2", "avc1", "mp41"), "video/mp4" },
        { "mp4 (mp42)", SampleFiles.IsoMedia("mp42", "mp42", "isom"), "video/mp4" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Each_accepted_type_is_recognised_from_its_bytes(string description, byte[] bytes, string mimeType)
    {
        SniffResult result = FileTypeSniffer.Sniff(new MemoryStream(bytes));

        Assert.True(result.IsAccepted, $"{description}: {result.RejectionReason}");
        Assert.Equal(mimeType, result.Type!.MimeType);
    }

    [Fact]
    public void The_name_does_not_decide_the_type()
    {
        SniffResult result = FileTypeSniffer.Sniff(new MemoryStream(SampleFiles.Png()), "notes.bin");

        Assert.Equal(StoredFileType.Png, result.Type);
    }

    [Fact]
    public void A_pdf_that_is_really_a_web_page_is_refused()
    {
        byte[] html = SampleFiles.Text("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

        SniffResult result = FileTypeSniffer.Sniff(new MemoryStream(html), "evidence.pdf");

        Assert.False(result.IsAccepted);
        Assert.Contains("web page", result.RejectionReason);
    }

    [Fact]
    public void Content_that_contradicts_its_name_is_refused()
    {
        SniffResult result = FileTypeSniffer.Sniff(new MemoryStream(SampleFiles.Png()), "plan.pdf");

        Assert.False(result.IsAccepted);
        Assert.Contains(".pdf", result.RejectionReason);
    }

    [Theory]
    [InlineData("svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("xml", "<?xml version=\"1.0\"?><a/>")]
    public void Markup_is_refused(string description, string content) =>
        Assert.False(FileTypeSniffer.Sniff(new MemoryStream(SampleFiles.Text(content))).IsAccepted, description);

    [Fact]
    public void A_zip_that_is_not_a_word_document_is_refused()
    {
        SniffResult result = FileTypeSniffer.Sniff(new MemoryStream(SampleFiles.Zip(("notes.txt", "hello"))));

        Assert.False(result.IsAccepted);
        Assert.Contains("ZIP", result.RejectionReason);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 })] // a Windows program
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01 })] // a Linux program
    [InlineData(new byte[] { 0xC3, 0x28, 0xA0, 0xA1, 0x41 })] // invalid UTF-8
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00 })] // a truncated ZIP
    public void Other_content_is_refused_with_a_reason(byte[] bytes)
    {
        SniffResult result = FileTypeSniffer.Sniff(new MemoryStream(bytes));

        Assert.False(result.IsAccepted);
        Assert.False(string.IsNullOrWhiteSpace(result.RejectionReason));
    }

    [Fact]
    public void A_quicktime_movie_is_refused() =>
        Assert.False(FileTypeSniffer.Sniff(new MemoryStream(SampleFiles.IsoMedia("qt  ", "qt  "))).IsAccepted);
}
