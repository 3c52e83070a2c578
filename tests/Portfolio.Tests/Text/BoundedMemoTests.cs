using Portfolio.Evidence;
using Portfolio.Text;

namespace Portfolio.Tests.Text;

public sealed class BoundedMemoTests
{
    [Fact]
    public void A_result_is_worked_out_once_per_input_and_a_different_input_is_worked_out_afresh()
    {
        var calls = 0;
        var memo = new BoundedMemo<string, string>(1_000, k => k.Length, v => v.Length);
        string Upper(string s)
        {
            calls++;
            return s.ToUpperInvariant();
        }

        Assert.Equal("PLAN", memo.GetOrAdd("plan", Upper));
        Assert.Equal("PLAN", memo.GetOrAdd(new string("plan".ToCharArray()), Upper));
        Assert.Equal("PLAN!", memo.GetOrAdd("plan!", Upper));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Past_its_bound_the_memo_starts_again_and_an_input_too_large_to_keep_is_never_kept()
    {
        var memo = new BoundedMemo<string, string>(1_600, k => k.Length, v => v.Length);
        for (var i = 0; i < 30; i++)
        {
            memo.GetOrAdd($"text {i:D2} " + new string('x', 40), s => s);
        }
        Assert.InRange(memo.Count, 1, 1_600 / 100);

        var before = memo.Count;
        var large = new string('y', 60);
        Assert.Equal(large, memo.GetOrAdd(large, s => s));
        Assert.Equal(before, memo.Count);
    }

    [Fact]
    public void The_same_evidence_text_with_other_marks_is_rendered_with_those_marks_and_an_edited_text_as_edited()
    {
        var text = "What went well\nWe agreed **three** steps.\n";
        var parts = new[] { new TextPart("What went well", "We agreed **three** steps.", true) };
        var plain = MarkdownRenderer.ToSafeHtml(text, parts, []).Html;
        var marked = MarkdownRenderer.ToSafeHtml(text, parts, [new Highlight(15, 24, "app-annotation")]).Html;
        var edited = MarkdownRenderer.ToSafeHtml(text.Replace("three", "four"), [parts[0] with
        {
            Body = "We agreed **four** steps.",
        }], []).Html;

        Assert.DoesNotContain("<mark", plain);
        Assert.Contains("<mark", marked);
        Assert.Equal(plain, MarkdownRenderer.ToSafeHtml(text, parts, []).Html);
        Assert.Contains("four", edited);
        Assert.DoesNotContain("three", edited);
    }

    [Fact]
    public void A_text_scanned_for_personal_details_before_and_after_an_edit_gives_the_findings_of_each()
    {
        var before = ConfidentialityCheck.Find("Call her on 07700 900123 tomorrow.");
        var after = ConfidentialityCheck.Find("Call her tomorrow.");
        Assert.Single(before);
        Assert.Empty(after);
        Assert.Same(before, ConfidentialityCheck.Find("Call her on 07700 900123 tomorrow."));
    }
}
