using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portfolio.Tests.Site;

namespace Portfolio.Tests.Browser;

/// <summary>
/// Every page each role reaches by following links, at a phone's width (390 px): the page itself never scrolls
/// sideways (wide tables scroll inside their own region) and axe finds nothing serious there. New pages are covered
/// without being listed.
/// </summary>
public sealed partial class PhoneBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const int PagesPerRole = 12;

    [Fact]
    public async Task Every_page_each_role_reaches_fits_a_phone_screen_and_passes_axe_there()
    {
        var people = await SeededCentre.ArrangeAsync(app);
        var problems = new List<string>();
        var visited = 0;
        foreach (var (role, person) in people)
        {
            var page = await app.SignedInPageAsync(person, new ViewportSize { Width = 390, Height = 844 });
            var shapes = new HashSet<string>();
            var queue = new Queue<string>([SeededCentre.Home(role)]);
            while (queue.Count > 0 && shapes.Count < PagesPerRole)
            {
                var url = queue.Dequeue();
                if (!shapes.Add(Numbers().Replace(url, "=N")))
                {
                    continue;
                }
                IResponse? response;
                try
                {
                    response = await page.GotoAsync(url);
                }
                catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
                {
                    continue; // a file to download, not a page
                }
                if (response is null || !(response.Headers.GetValueOrDefault("content-type") ?? "").Contains("text/html"))
                {
                    continue;
                }
                visited++;
                var widths = await page.EvaluateAsync<int[]>(
                    "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                if (widths[0] > widths[1])
                {
                    problems.Add($"{role}: {url} is {widths[0]} px wide on a {widths[1]} px screen");
                }
                try
                {
                    await BrowserApp.AssertAccessibleAsync(page);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    problems.Add($"{role}: {e.Message}");
                }
                foreach (var href in await page.EvaluateAsync<string[]>(
                    "() => [...document.querySelectorAll('main a[href], nav a[href]')].map(a => a.getAttribute('href'))"))
                {
                    if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !Skipped().IsMatch(href))
                    {
                        queue.Enqueue(href);
                    }
                }
            }
            await page.Context.CloseAsync();
        }

        Assert.True(visited >= 25, $"Only {visited} pages were visited: the crawl is not reaching the site.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"=\d+")]
    private static partial Regex Numbers();

    // Downloads and sign-out are not pages to look at.
    [GeneratedRegex(@"SignOut|handler=(Download|Workbook)|Export|/File\b|Benchmark", RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();
}
