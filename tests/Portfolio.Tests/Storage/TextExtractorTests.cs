using Portfolio.Storage;
using Xunit.Abstractions;

namespace Portfolio.Tests.Storage;

public sealed class TextExtractorTests(ITestOutputHelper output)
{
    [Fact]
    public void The_text_of_a_word_document_comes_out_a_paragraph_per_line()
    {
        byte[] docx = SampleFiles.Docx("Action plan for Sam", "Step 1: phone the college by Friday.");

        ExtractedText result = TextExtractor.Extract(new MemoryStream(docx), StoredFileType.Docx);

        Assert.Null(result.Problem);
        Assert.Equal("Action plan for Sam\nStep 1: phone the college by Friday.", result.Text);
    }

    [Fact]
    public void The_text_of_a_pdf_comes_out_page_by_page()
    {
        byte[] pdf = SampleFiles.Pdf("Reflective account page one", "Page two conclusion");

        ExtractedText result = TextExtractor.Extract(new MemoryStream(pdf), StoredFileType.Pdf);

        Assert.Null(result.Problem);
        Assert.Contains("Reflective account page one", result.Text);
        Assert.Contains("Page two conclusion", result.Text);
    }

    [Fact]
    public void Extraction_stops_at_the_limit()
    {
        byte[] docx = SampleFiles.Docx(new string('a', 500), new string('b', 500));

        ExtractedText result = TextExtractor.Extract(new MemoryStream(docx), StoredFileType.Docx, maxChars: 600);

        Assert.True(result.IsTruncated);
        Assert.Equal(600, result.Text!.Length);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("docx")]
    public void A_damaged_file_gives_a_problem_not_an_exception(string kind)
    {
        StoredFileType type = kind == "pdf" ? StoredFileType.Pdf : StoredFileType.Docx;
        byte[] damaged = kind == "pdf" ? "%PDF-1.7\nnonsense"u8.ToArray() : [0x50, 0x4B, 0x03, 0x04, 1, 2, 3];

        ExtractedText result = TextExtractor.Extract(new MemoryStream(damaged), type);

        Assert.Null(result.Text);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem));
    }

    [Fact]
    public void A_word_document_with_a_doctype_is_not_parsed()
    {
        byte[] docx = SampleFiles.Zip(("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"));

        ExtractedText result = TextExtractor.Extract(new MemoryStream(docx), StoredFileType.Docx);

        Assert.Null(result.Text);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public void Plain_text_is_read_as_utf8() =>
        Assert.Equal("Café", TextExtractor.Extract(new MemoryStream(SampleFiles.Text("Café")), StoredFileType.PlainText).Text);

    public static TheoryData<string, string, string> Bombs => new()
    {
        // One run of text 200 MB long.
        { "<w:p><w:r><w:t>", "career plan ", "</w:t></w:r></w:p>" },
        // One tag whose attribute is 200 MB long.
        { "<w:p w:rsidR=\"", "00AB12CD", "\"></w:p>" },
        // 200 MB of formatting with no text at all.
        { "<w:p>", "<w:r><w:rPr><w:b/></w:rPr></w:r>", "</w:p>" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_word_document_whose_xml_expands_to_200_MB_is_read_with_under_64_MB_of_memory(
        string opening, string repeated, string closing)
    {
        byte[] docx = SampleFiles.DocxBomb(opening, repeated, closing, 200L * 1024 * 1024);
        Assert.True(docx.Length < 2 * 1024 * 1024, $"the test document is {docx.Length} bytes");

        long before = GC.GetAllocatedBytesForCurrentThread();
        ExtractedText result = TextExtractor.Extract(new MemoryStream(docx), StoredFileType.Docx);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Everything extraction allocates is counted, so the peak it adds to the heap is no more than this.
        output.WriteLine($"{opening}…: {docx.Length / 1024} KB file, {allocated / 1024.0 / 1024:0.0} MB allocated, "
            + $"{result.Text!.Length} characters kept");
        Assert.True(allocated < 64L * 1024 * 1024, $"extraction allocated {allocated / 1024 / 1024} MB");
        Assert.Null(result.Problem);
        Assert.True(result.IsTruncated);
        Assert.True(result.Text!.Length <= TextExtractor.DefaultMaxChars);
    }
}
