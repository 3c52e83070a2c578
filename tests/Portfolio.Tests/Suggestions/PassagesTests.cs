using Portfolio.Suggestions;

namespace Portfolio.Tests.Suggestions;

public sealed class PassagesTests
{
    const string English = "I asked the client what might get in the way. She said childcare on Tuesdays could fall through.";

    [Theory]
    [InlineData("", NoSuggestions.Empty)]
    [InlineData("   \n\n  ", NoSuggestions.Empty)]
    [InlineData("| Step | Who | When |\n|---|---|---|\n| Call the college | Client | 3 May |", NoSuggestions.TableOnly)]
    [InlineData("Gofynnais i'r cleient beth allai fynd o'i le. Dywedodd hi y gallai gofal plant ar ddydd Mawrth fethu.",
        NoSuggestions.NotEnglish)]
    [InlineData("J'ai demandé à la cliente ce qui pourrait poser problème. Elle a dit que la garde des enfants pourrait manquer.",
        NoSuggestions.NotEnglish)]
    [InlineData(English, NoSuggestions.None)]
    public void Text_the_model_cannot_read_is_named_with_the_reason(string text, NoSuggestions expected) =>
        Assert.Equal(expected, Passages.Check([text]));

    [Fact]
    public void Text_longer_than_the_limit_gets_no_suggestions_and_the_reason_says_how_long()
    {
        var enormous = string.Join(' ', Enumerable.Repeat(English, Passages.MaxWords / 10));

        Assert.Equal(NoSuggestions.TooLong, Passages.Check([enormous]));
        Assert.Contains("12,000 words", RunOutcome.Explain(RunOutcome.Key(NoSuggestions.TooLong)));
    }

    [Fact]
    public void Sentences_are_split_with_offsets_into_the_text_leaving_out_headings_bullets_and_tables()
    {
        var text = "Review\n- " + English + "\n| a | b |\nShort one.";

        var passages = Passages.Split(text).ToList();

        Assert.Equal(["I asked the client what might get in the way.", "She said childcare on Tuesdays could fall through."],
            passages.Select(p => p.Text));
        Assert.All(passages, p => Assert.Equal(p.Text, text[p.Start..p.End]));
    }
}
