using Portfolio.Evidence;

namespace Portfolio.Tests.Evidence;

public sealed class AnnotationAnchorTests
{
    private const string Account =
        "In the first session Jo and I agreed three small steps towards the apprenticeship. " +
        "Jo chose to phone the training provider herself, which showed real ownership of the plan. " +
        "We set a review date two weeks later.";

    private const string Highlight = "Jo chose to phone the training provider herself";

    private static AnnotationAnchor AnchorOn(string text, string quote)
    {
        int start = text.IndexOf(quote, StringComparison.Ordinal);
        return AnnotationAnchor.Create(text, start, start + quote.Length);
    }

    [Fact]
    public void Creating_an_anchor_keeps_the_quote_and_up_to_32_characters_either_side()
    {
        AnnotationAnchor anchor = AnchorOn(Account, Highlight);

        Assert.Equal(Highlight, anchor.Quote.Exact);
        Assert.Equal(32, anchor.Quote.Prefix.Length);
        Assert.EndsWith("apprenticeship. ", anchor.Quote.Prefix);
        Assert.StartsWith(", which showed", anchor.Quote.Suffix);
        Assert.Equal(Account.IndexOf(Highlight, StringComparison.Ordinal), anchor.Position.Start);
    }

    [Fact]
    public void An_unchanged_text_resolves_in_place()
    {
        AnchorResolution result = AnchorOn(Account, Highlight).Resolve(Account);

        Assert.Equal(AnchorStatus.InPlace, result.Status);
        Assert.Equal(Highlight, result.Anchor?.Quote.Exact);
    }

    [Fact]
    public void The_anchor_survives_text_inserted_before_it()
    {
        string edited = "Background: Jo is 17 and left college in May. " + Account;

        AnchorResolution result = AnchorOn(Account, Highlight).Resolve(edited);

        Assert.Equal(AnchorStatus.Moved, result.Status);
        Assert.Equal(Highlight, edited[result.Anchor!.Position.Start..result.Anchor.Position.End]);
    }

    [Fact]
    public void The_anchor_survives_an_edit_elsewhere()
    {
        string edited = Account.Replace("three small steps", "two small steps", StringComparison.Ordinal)
            .Replace("two weeks later", "a month later", StringComparison.Ordinal);

        AnchorResolution result = AnchorOn(Account, Highlight).Resolve(edited);

        Assert.NotEqual(AnchorStatus.Orphaned, result.Status);
        Assert.Equal(Highlight, result.Anchor!.Quote.Exact);
    }

    [Fact]
    public void The_anchor_survives_a_small_edit_inside_the_quote()
    {
        string edited = Account.Replace("phone the training provider", "ring the training provider", StringComparison.Ordinal);

        AnchorResolution result = AnchorOn(Account, Highlight).Resolve(edited);

        Assert.Equal(AnchorStatus.Approximate, result.Status);
        Assert.Equal("Jo chose to ring the training provider herself", result.Anchor!.Quote.Exact);
    }

    [Fact]
    public void Of_two_identical_quotes_the_one_with_matching_context_is_chosen()
    {
        const string text = "Session one: we agreed the plan. The client was nervous. Session two: we agreed the plan. The client was confident.";
        int second = text.LastIndexOf("we agreed the plan", StringComparison.Ordinal);
        AnnotationAnchor anchor = AnnotationAnchor.Create(text, second, second + "we agreed the plan".Length);
        string edited = "Notes. " + text.Replace("Session one", "First session", StringComparison.Ordinal);

        AnchorResolution result = anchor.Resolve(edited);

        Assert.Equal(AnchorStatus.Moved, result.Status);
        Assert.Equal(edited.LastIndexOf("we agreed the plan", StringComparison.Ordinal), result.Anchor!.Position.Start);
    }

    [Fact]
    public void The_anchor_is_orphaned_when_its_passage_is_deleted()
    {
        string edited = Account.Replace(Highlight + ", which showed real ownership of the plan. ", "", StringComparison.Ordinal);

        AnchorResolution result = AnchorOn(Account, Highlight).Resolve(edited);

        Assert.Equal(AnchorStatus.Orphaned, result.Status);
        Assert.Null(result.Anchor);
    }

    [Fact]
    public void A_pasted_quote_is_found_despite_different_line_breaks()
    {
        QuoteLookup lookup = AnnotationAnchor.FromQuote(Account, "Jo chose to phone\nthe  training provider");

        Assert.True(lookup.IsFound);
        Assert.False(lookup.IsAmbiguous);
        Assert.Equal("Jo chose to phone the training provider", lookup.Anchor!.Quote.Exact);
    }

    [Fact]
    public void A_quote_that_occurs_twice_uses_the_first_and_says_it_is_ambiguous()
    {
        QuoteLookup lookup = AnnotationAnchor.FromQuote("the plan; later, the plan again", "the plan");

        Assert.True(lookup.IsAmbiguous);
        Assert.Equal(2, lookup.Occurrences);
        Assert.Equal(0, lookup.Anchor!.Position.Start);
    }

    [Fact]
    public void A_quote_not_in_the_text_is_not_found() =>
        Assert.False(AnnotationAnchor.FromQuote(Account, "referred to a counsellor").IsFound);
}
