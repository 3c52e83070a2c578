using Portfolio.Export;

namespace Portfolio.Tests.Export;

public sealed class HeaderFooterTextTests
{
    [Fact]
    public void An_ampersand_in_a_title_prints_as_itself_not_as_a_code() =>
        Assert.Equal("Smith && Jones &&P", HeaderFooterText.Escape("Smith & Jones &P"));

    [Fact]
    public void Line_breaks_become_spaces_and_long_titles_are_cut() =>
        Assert.Equal("a b" + new string('x', 97), HeaderFooterText.Escape("a\nb" + new string('x', 300)));
}
