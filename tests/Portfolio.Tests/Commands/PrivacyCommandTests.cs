using Portfolio.Web.Commands;

namespace Portfolio.Tests.Commands;

/// <summary>erase and dispose, run in-process with the arguments a script would pass.</summary>
public sealed class PrivacyCommandTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly Portfolio.Web.Hosting.RepositoryPaths Paths = new(RepositoryPaths.Root);

    string Server => $"--ConnectionStrings:Portfolio={db.ConnectionString}";

    [Fact]
    public async Task Erase_erases_the_person_and_refuses_a_second_time()
    {
        var e = await db.EnrolledCandidateAsync();

        var first = await CommandLine.RunAsync(["erase", "--person", $"{e.Candidate.Id}", "--reason", "Request of 1 December", Server], Paths);
        var second = await CommandLine.RunAsync(["erase", "--person", $"{e.Candidate.Id}", "--reason", "Again", Server], Paths);

        Assert.Equal(0, first);
        Assert.Equal(1, second);
        Assert.Equal($"Erased person {e.Candidate.Id}", await db.ScalarAsync<string>("SELECT display_name FROM people WHERE id = @Id", e.Candidate));
        Assert.Equal("Request of 1 December", await db.ScalarAsync<string>("SELECT reason FROM erasures WHERE person_id = @Id", e.Candidate));
    }

    [Fact]
    public async Task Dispose_disposes_of_candidates_past_their_date_and_list_only_changes_nothing()
    {
        var e = await db.EnrolledCandidateAsync();
        var recent = await db.EnrolledCandidateAsync(e.CentreId, e.VersionId);
        await db.ScalarAsync<int>("UPDATE enrolments SET enrolled_at = now() - interval '4 years' WHERE id = @EnrolmentId RETURNING 1", e);
        var centre = $"{e.CentreId}";

        var listed = await CommandLine.RunAsync(["dispose", "--list-only", "--centre", centre, Server], Paths);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM erasures WHERE centre_id = @CentreId", e));
        var disposed = await CommandLine.RunAsync(["dispose", "--centre", centre, Server], Paths);

        Assert.Equal(0, listed);
        Assert.Equal(0, disposed);
        Assert.Equal("disposal", await db.ScalarAsync<string>("SELECT kind FROM erasures WHERE person_id = @Id", e.Candidate));
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM achievement_records WHERE enrolment_id = @EnrolmentId", e));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM erasures WHERE person_id = @Id", recent.Candidate));
    }
}
