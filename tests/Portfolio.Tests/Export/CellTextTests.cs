using Portfolio.Export;

namespace Portfolio.Tests.Export;

public sealed class CellTextTests
{
    public static TheoryData<string> Payloads => new(WorkbookCheck.InjectionPayloads);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Text_that_starts_like_a_formula_gets_an_apostrophe_in_front(string payload) =>
        Assert.Equal("'" + payload, CellText.Safe(payload));

    [Theory]
    [InlineData("Met the criterion")]
    [InlineData("Client agreed 3 steps = progress")]
    [InlineData("'quoted already")]
    [InlineData("")]
    public void Ordinary_text_is_left_alone(string text) => Assert.Equal(text, CellText.Safe(text));

    [Fact]
    public void Null_becomes_empty_text() => Assert.Equal("", CellText.Safe(null));

    [Fact]
    public void Control_characters_invalid_in_XML_are_removed_but_tab_and_line_breaks_stay() =>
        Assert.Equal("ab\tc\r\nd", CellText.Safe("a\u0000b\t\u0007c\r\n\u001Fd\uFFFE"));

    [Fact]
    public void A_formula_hidden_behind_a_control_character_is_still_neutralised() =>
        Assert.Equal("'=1+1", CellText.Safe("\u0001=1+1"));

    [Fact]
    public void A_lone_surrogate_is_removed_but_an_emoji_stays() =>
        Assert.Equal("ok 😀", CellText.Safe("ok \uD800😀"));

    [Fact]
    public void Text_longer_than_a_cell_holds_is_cut_to_the_limit()
    {
        var safe = CellText.Safe(new string('x', CellText.MaxLength + 10));

        Assert.Equal(CellText.MaxLength, safe.Length);
    }
}
