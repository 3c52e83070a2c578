using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Tests.Site;

/// <summary>A page model with no .cshtml beside it is never routed: every address meant for it answers 404.</summary>
public sealed class PageModelTests
{
    [Fact]
    public void Every_page_model_has_a_page_that_uses_it()
    {
        var site = typeof(Program).Assembly;
        var used = site.GetTypes().Where(t => t.IsSubclassOf(typeof(Page)))
            .Select(t => t.GetProperty("Model", BindingFlags.Public | BindingFlags.Instance)?.PropertyType).ToHashSet();

        var orphans = site.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract && !used.Contains(t)).Select(t => t.FullName);

        Assert.Empty(orphans);
    }
}
