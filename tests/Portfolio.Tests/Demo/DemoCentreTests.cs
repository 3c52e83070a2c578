using Dapper;
using Portfolio.Demo;

namespace Portfolio.Tests.Demo;

public sealed class DemoCentreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_demo_centre_is_made_once_with_a_person_for_every_role_the_shipped_rubric_and_enrolled_candidates()
    {
        var first = await DemoCentre.CreateIfEmptyAsync(db.DataSource, RepositoryPaths.Rubrics);
        var second = await DemoCentre.CreateIfEmptyAsync(db.DataSource, RepositoryPaths.Rubrics);

        Assert.True(first);
        Assert.False(second);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var roles = (await conn.QueryAsync<string>("SELECT DISTINCT unnest(roles) FROM people")).Order().ToArray();
        Assert.Equal(Portfolio.People.Role.All.Order().ToArray(), roles);
        Assert.Equal(DemoCentre.Logins.Count, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM people"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM centres"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM rubric_versions"));
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM enrolments WHERE assessor_id IS NOT NULL AND iqa_id IS NOT NULL"));
    }
}
