using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Portfolio.People;
using Portfolio.Tests.Pages.Verify;
using Portfolio.Web.Account;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Site;

/// <summary>The site with session checks kept in memory (as it runs in production), counting its round trips.</summary>
public class CachedSessionsApp : PortfolioApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["SignIn:SessionCacheSeconds"] = "30" };

    /// <summary>Starts the site and waits until it hears its own notices, so that it keeps session checks from the first test.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await UntilKeepingSessionsAsync();
    }

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.UseEnvironment(BenchmarkSupport.EnvironmentName);
    }

    /// <summary>The SQL commands a GET sent, after checking it answered 200.</summary>
    public static async Task<int> RoundTripsAsync(HttpClient client, string url, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.GetValues(BenchmarkSupport.StatementsHeader).Single(), CultureInfo.InvariantCulture);
    }
}

/// <summary>Two nodes on one database, both keeping session checks in memory.</summary>
public sealed class CachedSessionsNodes : CachedSessionsApp
{
    protected override PortfolioApp NewSecondNode() => new CachedSessionsApp();
}

/// <summary>
/// Session checks kept in a node's memory cost no round trip, yet sign-out, password changes, deactivation and every change
/// a page shows reach them: at once on the node that made the change, and within moments on the others.
/// </summary>
public sealed class SessionCacheTests(CachedSessionsNodes app) : IClassFixture<CachedSessionsNodes>
{
    /// <summary>Asks until <paramref name="done"/> holds, for at most five seconds (notices cross between nodes in milliseconds).</summary>
    static Task<bool> WithinMomentsAsync(Func<Task<bool>> done) => Eventually.WithinAsync(TimeSpan.FromSeconds(5), done);

    [Fact]
    public async Task A_page_asked_for_again_costs_no_round_trip_until_something_it_shows_changes()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        await CachedSessionsApp.RoundTripsAsync(candidate, "/Portfolio");

        var repeat = await CachedSessionsApp.RoundTripsAsync(candidate, "/Portfolio");
        var id = await QualitySteps.ReturnedAsync(app, e, global::Portfolio.Rubrics.EvidenceKind.ActionPlan, "The client chose to call two employers by Friday.", "1.1.1");
        await app.CatchUpAsync();
        var afterChange = await CachedSessionsApp.RoundTripsAsync(candidate, "/Portfolio");

        Assert.Equal(0, repeat);
        Assert.True(afterChange >= 2, $"the session check and the page's reads, not {afterChange}");
        var page = await Html.GetAsync(candidate, "/Portfolio");
        Assert.NotNull(page.QuerySelector($"#evidence-list a[href='/Portfolio/Evidence/View?id={id}']"));
        Assert.Equal("1", page.QuerySelector("#unread-count")!.FirstChild!.TextContent);
    }

    [Fact]
    public async Task Signing_out_ends_a_kept_session_at_once_on_this_node_and_within_moments_on_the_other()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = await app.SignedInAsync(person);
        var copied = app.SignInCookie(client);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await app.SignedInWithAsync(copied));
            Assert.True(await app.Second.SignedInWithAsync(copied));
        }

        var page = await Html.GetAsync(client, "/Portfolio");
        var signedOut = await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>(".app-header__sign-out")!);

        Assert.Equal("/Account/SignIn", signedOut.Headers.Location!.OriginalString);
        Assert.False(await app.SignedInWithAsync(copied));
        Assert.True(await WithinMomentsAsync(async () => !await app.Second.SignedInWithAsync(copied)));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_kept_sessions()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var changing = await app.SignedInAsync(person);
        var other = app.SignInCookie(await app.SignedInAsync(person));
        Assert.True(await app.SignedInWithAsync(other));
        Assert.True(await app.SignedInWithAsync(other));

        var form = await Html.GetAsync(changing, "/Account/ChangePassword");
        var changed = await Html.SubmitAsync(changing, form.QuerySelector<IHtmlFormElement>("#change-password-form")!, new()
        {
            ["Input.Current"] = TestDatabase.Password, ["Input.Replacement"] = "purple tractor meadow", ["Input.Confirmation"] = "purple tractor meadow",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.False(await app.SignedInWithAsync(other));
        Assert.Equal(HttpStatusCode.OK, (await changing.GetAsync("/Portfolio")).StatusCode);
    }

    [Fact]
    public async Task A_person_deactivated_or_renamed_in_the_database_is_seen_once_the_node_has_caught_up()
    {
        var centre = await app.CentreAsync();
        var renamed = await app.PersonAsync(centre, Role.Candidate);
        var deactivated = await app.PersonAsync(centre, Role.Candidate);
        var renamedClient = await app.SignedInAsync(renamed);
        var deactivatedCookie = app.SignInCookie(await app.SignedInAsync(deactivated));
        await Html.GetAsync(renamedClient, "/Portfolio");
        Assert.True(await app.SignedInWithAsync(deactivatedCookie));
        Assert.True(await app.SignedInWithAsync(deactivatedCookie));

        await app.ScalarAsync<int>("UPDATE people SET display_name = 'Robin Renamed' WHERE id = @id RETURNING 1", new { id = renamed.Id });
        await app.ScalarAsync<int>("UPDATE people SET active = false WHERE id = @id RETURNING 1", new { id = deactivated.Id });
        await app.CatchUpAsync();

        Assert.Equal("Robin Renamed", (await Html.GetAsync(renamedClient, "/Portfolio")).QuerySelector("#signed-in-name")!.TextContent);
        Assert.False(await app.SignedInWithAsync(deactivatedCookie));
    }

    [Fact]
    public async Task After_a_post_the_browser_checks_its_session_in_the_database_for_a_few_seconds_on_any_node()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        var cookie = app.SignInCookie(candidate);
        var onSecond = app.Second.Client();
        await CachedSessionsApp.RoundTripsAsync(onSecond, "/Portfolio", cookie);
        var kept = await CachedSessionsApp.RoundTripsAsync(onSecond, "/Portfolio", cookie);

        var create = await Html.GetAsync(candidate, "/Portfolio/Evidence/Create");
        var created = await Html.SubmitAsync(candidate, create.QuerySelector<IHtmlFormElement>("#create-evidence-form")!, new()
        {
            ["Input.Kind"] = "action-plan", ["Input.Title"] = "Plan written on the first node",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var fresh = created.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCache.FreshCookie + "=", StringComparison.Ordinal));
        Assert.Contains("max-age=5", fresh, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", fresh, StringComparison.OrdinalIgnoreCase);
        var withFresh = $"{cookie}; {fresh.Split(';')[0]}";
        // The page's own reads (this client sends no antiforgery cookie, so its HTML is not kept) plus the session check.
        Assert.Equal(kept + 1, await CachedSessionsApp.RoundTripsAsync(onSecond, "/Portfolio", withFresh));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Portfolio");
        request.Headers.Add("Cookie", withFresh);
        var dashboard = await Html.ParseAsync(await onSecond.SendAsync(request));
        Assert.Contains("Plan written on the first node", dashboard.QuerySelector("#evidence-list")!.TextContent);
    }

    [Fact]
    public async Task A_node_that_loses_its_listening_connection_keeps_nothing_and_listens_again()
    {
        var person = (await app.EnrolledCandidateAsync()).Candidate;
        var client = await app.SignedInAsync(person);
        await Html.GetAsync(client, "/Portfolio");
        Assert.Equal(0, await CachedSessionsApp.RoundTripsAsync(client, "/Portfolio"));

        // Both nodes' listening connections are cut; a change made meanwhile sends a notice nobody hears.
        await app.ScalarAsync<int>(
            $"SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query = 'LISTEN {SessionCache.Channel}'");
        await app.ScalarAsync<int>("UPDATE people SET display_name = 'Sam Unheard' WHERE id = @id RETURNING 1", new { id = person.Id });

        Assert.True(await WithinMomentsAsync(async () => (await Html.GetAsync(client, "/Portfolio")).QuerySelector("#signed-in-name")!.TextContent == "Sam Unheard"));
        Assert.True(await WithinMomentsAsync(async () => await CachedSessionsApp.RoundTripsAsync(client, "/Portfolio") == 0));
    }
}

/// <summary>
/// A node whose notices are held up (its listening PostgreSQL backend stopped with SIGSTOP, so nothing reaches it) still
/// shows a change on its next request after a write: the write's answer waits to catch up, gives up after two seconds
/// and forgets everything kept.
/// </summary>
public sealed class SessionCatchUpTests(CachedSessionsApp app) : IClassFixture<CachedSessionsApp>
{
    const int SigStop = 19, SigCont = 18;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    static void Signal(int signal, IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            Assert.Equal(0, kill(pid, signal));
        }
    }

    [Fact]
    public async Task A_write_answered_while_notices_are_held_up_is_shown_to_the_other_sessions_on_this_node()
    {
        var e = await app.EnrolledCandidateAsync();
        var writing = await app.SignedInAsync(e.Candidate);
        var reading = await app.SignedInAsync(e.Candidate);
        await Html.GetAsync(reading, "/Portfolio");
        Assert.Equal(0, await CachedSessionsApp.RoundTripsAsync(reading, "/Portfolio"));
        var create = await Html.GetAsync(writing, "/Portfolio/Evidence/Create");
        await app.CatchUpAsync();
        var listeners = await ListenersAsync();
        Assert.NotEmpty(listeners);

        Signal(SigStop, listeners);
        try
        {
            var created = await Html.SubmitAsync(writing, create.QuerySelector<IHtmlFormElement>("#create-evidence-form")!, new()
            {
                ["Input.Kind"] = "action-plan", ["Input.Title"] = "Plan written while the node heard nothing",
            });

            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.Contains("Plan written while the node heard nothing", (await Html.GetAsync(reading, "/Portfolio")).QuerySelector("#evidence-list")!.TextContent);
        }
        finally
        {
            Signal(SigCont, listeners);
        }
    }

    [Fact]
    public async Task A_node_whose_notices_stop_arriving_keeps_nothing_within_seconds_and_keeps_again_once_they_arrive()
    {
        var e = await app.EnrolledCandidateAsync();
        var candidate = await app.SignedInAsync(e.Candidate);
        await Html.GetAsync(candidate, "/Portfolio");
        Assert.Equal(0, await CachedSessionsApp.RoundTripsAsync(candidate, "/Portfolio"));
        var listeners = await ListenersAsync();

        // The listening connection stays open but hears nothing: only the node's own notice that never comes back shows it.
        Signal(SigStop, listeners);
        bool checkedInDatabase;
        try
        {
            checkedInDatabase = await Eventually.WithinAsync(TimeSpan.FromSeconds(15),
                async () => await CachedSessionsApp.RoundTripsAsync(candidate, "/Portfolio") > 0);
        }
        finally
        {
            Signal(SigCont, listeners);
        }

        Assert.True(checkedInDatabase);
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(15),
            async () => await CachedSessionsApp.RoundTripsAsync(candidate, "/Portfolio") == 0));
    }

    /// <summary>The PostgreSQL backends of the site's listening connections.</summary>
    async Task<List<int>> ListenersAsync()
    {
        await using var command = app.DataSource.CreateCommand(
            $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {SessionCache.Channel}' AND pid <> pg_backend_pid()");
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }
}
