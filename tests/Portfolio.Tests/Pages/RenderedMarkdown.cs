using AngleSharp.Dom;

namespace Portfolio.Tests.Pages;

/// <summary>Markdown a candidate might save, and what every page that shows it must make of it.</summary>
public static class RenderedMarkdown
{
    public const string Notes = "## Notes\n\nThe client was **motivated** by the idea.\n\n- course first\n- then applications\n\n"
        + "<script>window.pwned = true</script>";

    /// <summary>A heading, bold and a list item in the element, and the script shown as words, never run.</summary>
    public static void AssertRendered(IElement? shown)
    {
        Assert.NotNull(shown);
        Assert.Contains(shown.QuerySelectorAll("h2"), h => h.TextContent.Trim() == "Notes" && !h.ClassList.Contains("app-evidence__heading"));
        Assert.Equal("motivated", shown.QuerySelector("strong")?.TextContent);
        Assert.Contains(shown.QuerySelectorAll("li"), li => li.TextContent.Trim() == "course first");
        Assert.Empty(shown.QuerySelectorAll("script"));
        Assert.Contains("<script>window.pwned = true</script>", shown.TextContent);
        Assert.DoesNotContain("**", shown.TextContent);
    }
}
