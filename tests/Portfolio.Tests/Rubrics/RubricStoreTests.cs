using Dapper;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Rubrics;

public sealed class RubricStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    RubricStore Store => new(db.DataSource);

    static IReadOnlyList<RubricFile> Reworded() => new RubricBuilder()
        .With("1.1.md", RubricBuilder.ElementText.Replace("- **1.1.2** Second point\n  over two lines.", "- **1.1.2** Second point, now said differently.\n- **1.1.3** A third point.", StringComparison.Ordinal))
        .Files;

    [Fact]
    public async Task Importing_the_same_content_again_changes_nothing()
    {
        var centre = await db.CentreAsync();
        var first = await Store.ImportAsync(centre, null, new RubricBuilder().Files);

        var again = await Store.ImportAsync(centre, null, new RubricBuilder().Files);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.VersionId, again.VersionId);
        Assert.Single(await Store.VersionsAsync(centre));
    }

    [Fact]
    public async Task Changed_content_makes_a_new_version_with_a_diff_of_the_marking_points()
    {
        var centre = await db.CentreAsync();
        await Store.ImportAsync(centre, null, new RubricBuilder().Files);

        var second = await Store.ImportAsync(centre, null, Reworded());

        Assert.Equal(2, second.Number);
        Assert.Equal(["1.1.3"], second.Changes!.PointsAdded.Select(p => p.Id));
        Assert.Equal("1.1.2", second.Changes.PointsReworded.Single().Id);
        Assert.Empty(second.Changes.PointsRemoved);
        var tree = await Store.TreeAsync(centre, second.VersionId!.Value);
        Assert.Equal(3, tree!.MarkingPoints.Count());
    }

    [Fact]
    public async Task A_versions_marking_points_are_read_once_then_kept_and_match_the_database()
    {
        var store = Store;
        var version = (await store.ImportAsync(await db.CentreAsync(), null, new RubricBuilder().Files)).VersionId!.Value;

        var first = await store.PointsAsync(version);
        var again = await store.PointsAsync(version);
        var fromDatabase = await new RubricStore(db.DataSource).PointsAsync(version);

        Assert.Same(first, again);
        Assert.Equal(fromDatabase, again);
        Assert.Equal(["1.1.1", "1.1.2"], again.Select(p => p.Code));
        Assert.Equal(await db.ScalarAsync<long>("SELECT id FROM marking_points WHERE rubric_version_id = @version AND code = '1.1.2'", new { version }), again[1].Id);
    }

    [Fact]
    public async Task An_id_that_is_not_a_version_yet_is_not_kept_as_having_no_points()
    {
        var store = Store;
        var next = await db.ScalarAsync<long>("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM rubric_versions_id_seq");
        Assert.Empty(await store.PointsAsync(next));

        var imported = await store.ImportAsync(await db.CentreAsync(), null, new RubricBuilder().Files);

        Assert.Equal(next, imported.VersionId);
        Assert.Equal(2, (await store.PointsAsync(next)).Count);
    }

    [Fact]
    public async Task A_rubric_with_problems_imports_nothing()
    {
        var centre = await db.CentreAsync();

        var result = await Store.ImportAsync(centre, null, new RubricBuilder().With("1.1.md", "no front matter").Files);

        Assert.False(result.Succeeded);
        Assert.Empty(await Store.VersionsAsync(centre));
    }

    [Fact]
    public async Task The_database_refuses_to_edit_an_imported_version_in_place()
    {
        var centre = await db.CentreAsync();
        var imported = await Store.ImportAsync(centre, null, new RubricBuilder().Files);
        await using var conn = await db.DataSource.OpenConnectionAsync();

        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("UPDATE marking_points SET text = 'changed' WHERE rubric_version_id = @id", new { id = imported.VersionId }));
        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("DELETE FROM rubric_elements WHERE rubric_version_id = @id", new { id = imported.VersionId }));
    }

    [Fact]
    public async Task Another_centres_version_is_not_found()
    {
        var mine = await db.CentreAsync();
        var theirs = await db.CentreAsync("Elsewhere");
        var imported = await Store.ImportAsync(theirs, null, new RubricBuilder().Files);

        Assert.Null(await Store.TreeAsync(mine, imported.VersionId!.Value));
        Assert.Empty(await Store.FilesAsync(mine, imported.VersionId!.Value));
    }

    [Fact]
    public async Task Every_shipped_rubric_imports_into_a_centre()
    {
        var centre = await db.CentreAsync();

        foreach (var files in RubricStore.FoldersUnder(RepositoryPaths.Rubrics))
        {
            var result = await Store.ImportAsync(centre, null, files);
            Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        }
        Assert.NotEmpty(await Store.VersionsAsync(centre));
    }

    [Fact]
    public async Task Moving_an_enrolment_to_a_version_that_drops_a_point_lists_it_as_not_carried()
    {
        var centre = await db.CentreAsync();
        var admin = await db.PersonAsync(centre, Role.CentreAdministrator);
        var candidate = await db.PersonAsync(centre, Role.Candidate);
        var assessor = await db.PersonAsync(centre, Role.Assessor);
        var v1 = await Store.ImportAsync(centre, null, Reworded());
        var v2 = await Store.ImportAsync(centre, null, new RubricBuilder().Files);
        var enrolments = new EnrolmentStore(db.DataSource, Store);
        var (id, problems) = await enrolments.EnrolAsync(centre, admin.Id, new EnrolmentStore.NewEnrolment(candidate.Id, v1.VersionId!.Value, assessor.Id, null));
        Assert.Empty(problems);

        var move = await enrolments.MoveAsync(centre, admin.Id, id!.Value, v2.VersionId!.Value);

        Assert.Equal(["1.1.3"], move!.NotCarried.Select(p => p.Id));
        Assert.Equal(2, move.PointsCarried);
        Assert.Equal(v2.VersionId, (await enrolments.ListAsync(centre, candidateId: candidate.Id)).Single().RubricVersionId);
    }

    [Fact]
    public async Task Enrolling_twice_or_with_someone_lacking_the_role_is_refused()
    {
        var centre = await db.CentreAsync();
        var admin = await db.PersonAsync(centre, Role.CentreAdministrator);
        var candidate = await db.PersonAsync(centre, Role.Candidate);
        var notAnAssessor = await db.PersonAsync(centre, Role.Candidate);
        var version = (await Store.ImportAsync(centre, null, new RubricBuilder().Files)).VersionId!.Value;
        var enrolments = new EnrolmentStore(db.DataSource, Store);
        await enrolments.EnrolAsync(centre, admin.Id, new EnrolmentStore.NewEnrolment(candidate.Id, version, null, null));

        var (twice, twiceProblems) = await enrolments.EnrolAsync(centre, admin.Id, new EnrolmentStore.NewEnrolment(candidate.Id, version, null, null));
        var other = await db.PersonAsync(centre, Role.Candidate);
        var (_, roleProblems) = await enrolments.EnrolAsync(centre, admin.Id, new EnrolmentStore.NewEnrolment(other.Id, version, notAnAssessor.Id, null));

        Assert.Null(twice);
        Assert.Contains("already enrolled", twiceProblems["CandidateId"]);
        Assert.Equal("Choose an assessor from your centre", roleProblems["AssessorId"]);
    }
}
