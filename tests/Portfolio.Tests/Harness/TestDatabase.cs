using Dapper;
using Npgsql;
using Portfolio.People;

namespace Portfolio.Tests.Harness;

/// <summary>A fresh database for one test class, with builders for the rows tests need.</summary>
public class TestDatabase : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    static readonly Lazy<string> PasswordHash = new(() => Passwords.Hash(Password));
    static int counter;

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    string? shared;

    /// <summary>Makes this fixture use another's database instead of a fresh one (a second web node).</summary>
    public void UseDatabaseOf(TestDatabase other) => shared = other.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        ConnectionString = shared ?? await TestCluster.CreateDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public virtual async Task DisposeAsync() => await DataSource.DisposeAsync();

    public async Task<long> CentreAsync(string name = "Northgate Guidance Centre")
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("INSERT INTO centres (name) VALUES (@name) RETURNING id", new { name });
    }

    /// <summary>A person with the test password (hashed once per run: the real hasher is slow by design).</summary>
    public async Task<TestPerson> PersonAsync(long centreId, params string[] roles)
    {
        var n = Interlocked.Increment(ref counter);
        var email = $"{string.Join('-', roles)}{n}.{Guid.NewGuid().ToString("N")[..6]}@example.org";
        var name = $"Test {string.Join(" and ", roles.Select(Role.DisplayName))} {n}";
        await using var conn = await DataSource.OpenConnectionAsync();
        var id = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO people (centre_id, email, display_name, password_hash, roles)
            VALUES (@centreId, @email, @name, @hash, @roles) RETURNING id
            """, new { centreId, email, name, hash = PasswordHash.Value, roles });
        return new TestPerson(id, centreId, email, name, roles);
    }

    /// <summary>The shipped demo qualification imported for the centre; returns its version id.</summary>
    public async Task<long> ShippedRubricAsync(long centreId)
    {
        var files = Portfolio.Rubrics.RubricStore.FoldersUnder(RepositoryPaths.Rubrics)[0];
        var result = await new Portfolio.Rubrics.RubricStore(DataSource).ImportAsync(centreId, null, files);
        return result.VersionId!.Value;
    }

    /// <summary>A centre with the shipped rubric and a candidate enrolled on it with an assessor and an IQA.</summary>
    public async Task<EnrolledCandidate> EnrolledCandidateAsync(long? centreId = null)
    {
        var centre = centreId ?? await CentreAsync();
        return await EnrolledCandidateAsync(centre, await ShippedRubricAsync(centre));
    }

    /// <summary>A candidate enrolled on a rubric version already imported for the centre, with an assessor and an IQA.</summary>
    public async Task<EnrolledCandidate> EnrolledCandidateAsync(long centre, long version)
    {
        var candidate = await PersonAsync(centre, Role.Candidate);
        var assessor = await PersonAsync(centre, Role.Assessor);
        var iqa = await PersonAsync(centre, Role.InternalQualityAssurer);
        await using var conn = await DataSource.OpenConnectionAsync();
        var enrolment = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
            SELECT @centre, @candidate, qualification_id, id, @assessor, @iqa FROM rubric_versions WHERE id = @version RETURNING id
            """, new { centre, candidate = candidate.Id, assessor = assessor.Id, iqa = iqa.Id, version });
        return new EnrolledCandidate(centre, version, enrolment, candidate, assessor, iqa);
    }

    /// <summary>A marking point's database id in a version, by its rubric id (e.g. "1.1.2").</summary>
    public Task<long> PointIdAsync(long versionId, string code) =>
        ScalarAsync<long>("SELECT id FROM marking_points WHERE rubric_version_id = @versionId AND code = @code", new { versionId, code });

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }
}

public sealed record EnrolledCandidate(long CentreId, long VersionId, long EnrolmentId, TestPerson Candidate, TestPerson Assessor, TestPerson Iqa);

public sealed record TestPerson(long Id, long CentreId, string Email, string DisplayName, string[] Roles);
