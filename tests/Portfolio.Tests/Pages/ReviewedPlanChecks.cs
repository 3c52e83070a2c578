using AngleSharp.Dom;

namespace Portfolio.Tests.Pages;

/// <summary>What every page shows of a progress review's plan, and of a plan's reviews.</summary>
public static class ReviewedPlanChecks
{
    public static void AssertPlanBesideReview(IDocument reviewPage, string href, long plan)
    {
        Assert.Equal($"{href}{plan}", reviewPage.QuerySelector("#reviewed-plan-link")!.GetAttribute("href"));
        Assert.Equal(2, reviewPage.QuerySelectorAll("#reviewed-plan-steps li").Length);
        Assert.Contains("Phone the college", reviewPage.QuerySelector("#reviewed-plan-steps")!.TextContent);
    }

    public static void AssertPlanLinksBack(IDocument planPage, string href, long review) =>
        Assert.Equal([$"{href}{review}"], planPage.QuerySelectorAll("#reviewed-in a").Select(a => a.GetAttribute("href")));
}
