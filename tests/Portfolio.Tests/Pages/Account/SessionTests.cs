using System.Net;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Account;

public sealed class SessionTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Theory]
    [InlineData("last_seen_at", 31)]
    [InlineData("started_at", 13 * 60)]
    public async Task A_session_idle_or_open_too_long_ends_and_asks_for_sign_in_again(string column, int minutesAgo)
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = await app.SignedInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Portfolio")).StatusCode);

        await app.ScalarAsync<int>($"UPDATE sign_in_sessions SET {column} = now() - make_interval(mins => @minutesAgo) WHERE person_id = @id RETURNING 1", new { id = person.Id, minutesAgo });
        var response = await client.GetAsync("/Portfolio");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
        Assert.NotNull(await app.ScalarAsync<DateTime?>("SELECT ended_at FROM sign_in_sessions WHERE person_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task Use_within_the_idle_limit_keeps_the_session_alive()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.Candidate);
        var client = await app.SignedInAsync(person);
        await app.ScalarAsync<int>("UPDATE sign_in_sessions SET last_seen_at = now() - interval '20 minutes' WHERE person_id = @id RETURNING 1", new { id = person.Id });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Portfolio")).StatusCode);

        Assert.InRange(await app.ScalarAsync<double>("SELECT extract(epoch FROM now() - last_seen_at) FROM sign_in_sessions WHERE person_id = @id", new { id = person.Id }), 0, 60);
    }
}
