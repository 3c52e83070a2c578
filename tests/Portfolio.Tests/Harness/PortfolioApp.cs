using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Portfolio.Tests.Harness;

/// <summary>The site in memory on its own fresh database; one per test class.</summary>
public class PortfolioApp : TestDatabase
{
    WebApplicationFactory<Program>? factory;

    /// <summary>Extra settings a test class needs (e.g. a lower sign-in rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>This class's own file store, outside any web root.</summary>
    public string FilesFolder { get; } = Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-files-{Guid.NewGuid():N}");

    public WebApplicationFactory<Program> Factory => factory ?? throw new InvalidOperationException("Not started.");

    PortfolioApp? second;

    /// <summary>A second web node on this one's database and file store, for classes that give one (<see cref="NewSecondNode"/>).</summary>
    public PortfolioApp Second => second ?? throw new InvalidOperationException("This app has one node.");

    /// <summary>The second node a two-node class runs beside this one; none by default.</summary>
    protected virtual PortfolioApp? NewSecondNode() => null;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new SiteFactory(ConfigureHost);
        if (NewSecondNode() is { } node)
        {
            node.UseDatabaseOf(this);
            await node.InitializeAsync();
            second = node;
        }
    }

    /// <summary>Starts the site if need be and waits until it keeps session checks (hears its own notices), for classes that turn them on.</summary>
    protected async Task UntilKeepingSessionsAsync()
    {
        var cache = Factory.Services.GetRequiredService<Portfolio.Web.Account.SessionCache>();
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(30), () => Task.FromResult(cache.Keeping)), "The site never heard its own notices.");
    }

    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portfolio", ConnectionString);
        builder.UseSetting("SignIn:AttemptsPerMinute", "10000");
        builder.UseSetting("Files:Folder", FilesFolder);
        // Tests write to the database behind the site's back and look at the next page at once, quicker than PostgreSQL's
        // notices reach the site's session cache; Site/SessionCacheTests turn it on and wait for the node to catch up.
        builder.UseSetting("SignIn:SessionCacheSeconds", "0");
        // Mail waits in the outbox (tests read it there); classes that send turn the worker on (MailingApp).
        builder.UseSetting("Mail:Send", "false");
        builder.UseSetting("Mail:PickupFolder", FilesFolder + "-mail");
        // Suggestions are worked out when a test asks (SuggestionSteps), not by a worker racing the test's own reads.
        builder.UseSetting("Suggestions:Worker", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected sealed class SiteFactory(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);
    }

    public override async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        foreach (var folder in new[] { FilesFolder, FilesFolder + "-mail" }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
        await base.DisposeAsync();
    }

    /// <summary>Waits until the site has heard of every change committed so far (with the session cache on).</summary>
    public Task CatchUpAsync() => Factory.Services.GetRequiredService<Portfolio.Web.Account.SessionCache>().CatchUpAsync(CancellationToken.None);

    /// <summary>Whether a GET with only this cookie is still signed in (not sent to the sign-in page).</summary>
    public async Task<bool> SignedInWithAsync(string cookie, string url = "/Portfolio")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        var response = await Client().SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public virtual HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as the person, through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInAsync(TestPerson person)
    {
        var client = Client();
        var response = await SignInAsync(client, person.Email, Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}: {string.Join("; ", Html.Errors(await Html.ParseAsync(response)))}");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portfolio.signin=", StringComparison.Ordinal));
        lastSignInCookie.AddOrUpdate(client, cookie.Split(';')[0]);
        return client;
    }

    /// <summary>The sign-in cookie a client holds, as a Cookie header value, to replay from elsewhere.</summary>
    public string SignInCookie(HttpClient client) => lastSignInCookie.TryGetValue(client, out var cookie)
        ? cookie
        : throw new InvalidOperationException("This client was not signed in with SignedInAsync.");

    readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, string> lastSignInCookie = new();

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await Html.GetAsync(client, "/Account/SignIn");
        var form = page.QuerySelector<IHtmlFormElement>("#sign-in-form")!;
        return await Html.SubmitAsync(client, form, new() { ["Input.Email"] = email, ["Input.Password"] = password });
    }
}
