using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using Dapper;
using Npgsql;
using Portfolio.People;

namespace Portfolio.Tests.Site;

public sealed class SiteTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/lib/govuk-frontend/govuk-frontend.min.css", "text/css")]
    [InlineData("/js/site.js", "text/javascript")]
    public async Task The_top_level_web_root_is_served_without_signing_in(string path, string type)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "wwwroot", path.TrimStart('/')));
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_names_an_icon_that_is_served_so_no_browser_asks_for_a_missing_favicon()
    {
        var signIn = await Html.GetAsync(app.Client(), "/Account/SignIn");

        var icons = signIn.QuerySelectorAll("link[rel='icon']").Select(l => l.GetAttribute("href")!).ToList();
        var favicon = await app.Client().GetAsync("/favicon.ico");

        Assert.Contains("/favicon.ico", icons);
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/x-icon", favicon.Content.Headers.ContentType!.MediaType);
        foreach (var icon in icons)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(icon)).StatusCode);
        }
    }

    [Fact]
    public async Task Healthz_answers_200_while_the_database_answers()
    {
        var response = await app.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_gets_the_sites_own_404_page()
    {
        var centre = await app.CentreAsync();
        var client = await app.SignedInAsync(await app.PersonAsync(centre, Role.Candidate));

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("#error-title")!.TextContent);
    }

    [Fact]
    public async Task The_header_shows_no_unread_count_when_there_is_nothing_new()
    {
        var client = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.Assessor));

        var page = await Html.GetAsync(client, "/Assess");

        Assert.Equal("Notifications", page.QuerySelector("#notifications-link")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#unread-count"));
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await app.Client().GetAsync("/Account/SignIn");

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_person_with_several_roles_chooses_an_area_and_a_person_with_one_goes_straight_there()
    {
        var centre = await app.CentreAsync();
        var lead = await app.SignedInAsync(await app.PersonAsync(centre, Role.Assessor, Role.CentreAdministrator));
        var candidate = await app.SignedInAsync(await app.PersonAsync(centre, Role.Candidate));

        var home = await Html.GetAsync(lead, "/");
        var straight = await candidate.GetAsync("/");

        Assert.Equal(["Assessment", "Centre administration"], home.QuerySelectorAll("#areas a").Select(a => a.TextContent).ToArray());
        Assert.Equal("/Portfolio", straight.Headers.Location!.OriginalString);
    }
}

/// <summary>Its own database, so ending its connections does not disturb other tests.</summary>
public sealed class DatabaseRestartTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Reads_on_connections_a_restart_broke_are_retried_and_answer_normally()
    {
        var e = await app.EnrolledCandidateAsync();
        var client = await app.SignedInAsync(e.Candidate);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Portfolio")).StatusCode);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        var cluster = await TestCluster.InstanceAsync();
        await using var admin = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false");

        // What a server restart does to pooled connections: they are ended from the server side (57P01).
        var ended = await admin.ExecuteScalarAsync<int>("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database) t", new { database });
        var first = await client.GetAsync("/Portfolio");
        var second = await client.GetAsync("/Assess");

        Assert.True(ended > 0);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }
}

/// <summary>Its own database, so taking it away does not disturb other tests.</summary>
public sealed class HealthOutageTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Pages_and_healthz_answer_503_while_the_database_refuses_connections_and_recover_once_it_is_back()
    {
        var client = app.Client();
        var signedIn = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.Candidate));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        var cluster = await TestCluster.InstanceAsync();
        await using var admin = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false");

        await admin.ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
        await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", new { database });
        NpgsqlConnection.ClearAllPools();
        var during = await client.GetAsync("/healthz");
        var page = await signedIn.GetAsync("/Portfolio");
        await admin.ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
        var after = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("Portfolio is unavailable for a moment", (await Html.ParseAsync(page)).QuerySelector("#error-title")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Portfolio")).StatusCode);
    }
}

public sealed class DatabaseOutageTests
{
    [Theory]
    [InlineData("22003", false)] // a number out of range: the statement is wrong, so 500 and an error in the log
    [InlineData("42703", false)] // an unknown column
    [InlineData("23505", false)] // a broken unique constraint
    [InlineData("57P01", true)] // the server is shutting down
    [InlineData("57014", true)] // the statement timed out
    [InlineData("53300", true)] // too many connections
    [InlineData("08006", true)] // the connection failed
    public void Only_a_database_that_is_not_answering_is_an_outage(string sqlState, bool outage)
    {
        var refused = new Npgsql.PostgresException("refused", "ERROR", "ERROR", sqlState);

        Assert.Equal(outage, Portfolio.Web.Hosting.DatabaseOutage.Is(refused));
        Assert.Equal(outage, Portfolio.Web.Hosting.DatabaseOutage.Is(new InvalidOperationException("wrapped", refused)));
    }
}
