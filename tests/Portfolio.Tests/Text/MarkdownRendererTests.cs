using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Portfolio.Text;

namespace Portfolio.Tests.Text;

public sealed class MarkdownRendererTests
{
    private static readonly HtmlParser Parser = new();

    public static TheoryData<string> XssPayloads => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<body onload=alert(1)>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1)  )",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript&#x3A;alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://example.com/a.png)",
        "[x](https://example.com \"t\" onmouseover=alert(1))",
        "[x](https://example.com\" onmouseover=\"alert(1))",
        "<javascript:alert(1)>",
        "<https://example.com/\"onmouseover=\"alert(1)>",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<base href=\"javascript:alert(1)//\">",
        "<input type=\"text\" onfocus=alert(1) autofocus>",
        "- [ ] <img src=x onerror=alert(1)> task",
        "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
        "<!-- --><script>alert(1)</script>",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    };

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void Rendered_payload_has_no_script_event_handler_or_dangerous_url(string markdown)
    {
        string html = MarkdownRenderer.ToSafeHtml(markdown);
        IElement body = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // Raw HTML is shown to the reader as escaped text, so "javascript:" may appear as words;
        // the attribute checks below make sure it never reaches a URL.
        foreach (IElement element in body.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, new[] { "script", "iframe", "svg", "img", "object", "embed", "style", "form", "base", "meta", "math" });
            foreach (IAttr attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {html}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("src", attribute.Name);
                Assert.DoesNotContain("script:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("data:", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
            string? href = element.GetAttribute("href");
            if (href is not null)
            {
                Assert.True(MarkdownRenderer.IsAllowedLink(href), $"{href} in {html}");
            }
        }
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_structure()
    {
        IElement body = Parse(MarkdownRenderer.ToSafeHtml("# Plan\n\n**Step one**: ring the college.\n\n- a\n- b\n\n| who | when |\n|---|---|\n| Sam | May |"));

        Assert.NotNull(body.QuerySelector("h1"));
        Assert.Equal("Step one", body.QuerySelector("strong")?.TextContent);
        Assert.Equal(2, body.QuerySelectorAll("li").Length);
        Assert.NotNull(body.QuerySelector("table td"));
    }

    [Theory]
    [InlineData("[site](https://example.com/page)", "https://example.com/page")]
    [InlineData("[site](http://example.com)", "http://example.com")]
    [InlineData("[mail](mailto:adviser@example.com)", "mailto:adviser@example.com")]
    [InlineData("see https://example.org/jobs today", "https://example.org/jobs")]
    public void Allowed_links_keep_their_address_and_get_nofollow(string markdown, string expected)
    {
        IElement? link = Parse(MarkdownRenderer.ToSafeHtml(markdown)).QuerySelector("a");

        Assert.NotNull(link);
        Assert.Equal(expected, link.GetAttribute("href"));
        string[] rel = (link.GetAttribute("rel") ?? "").Split(' ');
        Assert.Contains("nofollow", rel);
        Assert.Contains("noopener", rel);
    }

    [Theory]
    [InlineData("[local](/admin/delete)")]
    [InlineData("[local](../secret)")]
    [InlineData("[proto](//evil.example/x)")]
    [InlineData("[ftp](ftp://example.com/file)")]
    [InlineData("[file](file:///etc/passwd)")]
    public void Relative_and_other_scheme_links_lose_their_address(string markdown)
    {
        IElement body = Parse(MarkdownRenderer.ToSafeHtml(markdown));

        Assert.Null(body.QuerySelector("a[href]"));
    }

    [Fact]
    public void An_image_becomes_a_link_with_its_alt_text()
    {
        IElement body = Parse(MarkdownRenderer.ToSafeHtml("![my chart](https://example.com/chart.png)"));

        Assert.Null(body.QuerySelector("img"));
        Assert.Equal("my chart", body.QuerySelector("a")?.TextContent);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        string html = MarkdownRenderer.ToSafeHtml("I wrote <b>bold</b> here");

        Assert.Null(Parse(html).QuerySelector("b"));
        Assert.Contains("&lt;b&gt;", html);
    }

    [Fact]
    public void Blank_input_gives_empty_output() => Assert.Equal("", MarkdownRenderer.ToSafeHtml("  \n "));

    [Fact]
    public void Rendering_from_many_threads_gives_the_same_answer()
    {
        const string markdown = "**a** [b](https://example.com) <script>x</script>";
        string expected = MarkdownRenderer.ToSafeHtml(markdown);

        string[] results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = MarkdownRenderer.ToSafeHtml(markdown));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static IElement Parse(string html) => Parser.ParseDocument("<html><body>" + html + "</body></html>").Body!;
}
