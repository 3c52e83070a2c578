using Portfolio.Storage;

namespace Portfolio.Tests.Storage;

public sealed class UploadFileNameTests
{
    [Theory]
    [InlineData("reflective account.docx", "reflective account.docx")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Users\sam\Documents\plan.pdf", "plan.pdf")]
    [InlineData("..\\..\\web.config", "web.config")]
    [InlineData("..", "file")]
    [InlineData("", "file")]
    [InlineData(null, "file")]
    [InlineData("   ", "file")]
    [InlineData("/", "file")]
    [InlineData(".htaccess", "htaccess")]
    [InlineData("plan\u0000.pdf", "plan.pdf")]
    [InlineData("line\r\nbreak.txt", "linebreak.txt")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("zero\u200Bwidth.txt", "zerowidth.txt")]
    [InlineData("what?<is>this:\"*|.txt", "what__is_this____.txt")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("notes.  ", "notes")]
    [InlineData("Café plan.pdf", "Café plan.pdf")]
    public void Names_are_made_safe(string? name, string expected) => Assert.Equal(expected, UploadFileName.Sanitise(name));

    [Fact]
    public void Long_names_are_cut_keeping_the_extension()
    {
        string name = UploadFileName.Sanitise(new string('a', 300) + ".pdf");

        Assert.Equal(UploadFileName.MaxLength, name.Length);
        Assert.EndsWith("a.pdf", name);
    }

    [Fact]
    public void The_download_header_has_an_ascii_fallback_and_the_utf8_name()
    {
        string header = UploadFileName.AttachmentHeader("Réflexion «final» 1.pdf");

        Assert.Equal("attachment; filename=\"R_flexion _final_ 1.pdf\"; filename*=UTF-8''R%C3%A9flexion%20%C2%ABfinal%C2%BB%201.pdf", header);
    }

    [Fact]
    public void The_download_header_cannot_be_broken_out_of()
    {
        string header = UploadFileName.AttachmentHeader("a\"; filename=evil.html\r\nX-Bad: 1");

        Assert.DoesNotContain("\r", header);
        Assert.DoesNotContain("\n", header);
        // Only the two quotes around the ASCII fallback: the name's own quote became "_".
        Assert.Equal(2, header.Count(c => c == '"'));
    }
}
