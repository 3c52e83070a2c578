using System.Net;
using Deque.AxeCore.Commons;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Portfolio.Tests.Harness;

/// <summary>
/// The site on real Kestrel at 127.0.0.1 and Debian's Chromium driven by Playwright (never a downloaded browser).
/// One per test class; each test opens its own page in a fresh browser context.
/// </summary>
public class BrowserApp : PortfolioApp
{
    public const string ChromiumPath = "/usr/bin/chromium";
    IPlaywright? playwright;
    IBrowser? browser;

    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: run the test command from the README, which installs it (apt-get install -y chromium).");
        }
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>An HTTP client of the real server (cookies kept, redirects not followed), for arranging through forms.</summary>
    public override HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A new page in its own context (own cookies), at the site's address.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" };
        if (viewport is not null)
        {
            options.ViewportSize = viewport;
        }
        var context = await browser!.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as the person, in its own context; a viewport (a phone's) if given.</summary>
    public async Task<IPage> SignedInPageAsync(TestPerson person, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        var signIn = new Pages.SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(person.Email, Password);
        return page;
    }

    // axe-core as the Deque package ships it, run in the page itself: the package's own runner finishes every run in a
    // new blank page (its cross-frame mode), which made each check take about two seconds. The site has no frames.
    static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe-core is not in Deque.AxeCore.Commons");
        return new StreamReader(stream).ReadToEnd();
    });

    // Only violations are collected: the passes and inapplicable results, which nothing reads, are most of axe's work.
    const string RunAxe = """
        () => axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `- ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`))
        """;

    /// <summary>Runs axe on the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }
        var bad = await page.EvaluateAsync<string[]>(RunAxe);
        Assert.True(bad.Length == 0, $"Accessibility problems on {page.Url}:\n" + string.Join("\n", bad));
    }

    public override async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
