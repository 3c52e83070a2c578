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

    public virtual async Task InitializeAsync()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        ConnectionString = await TestCluster.CreateDatabaseAsync();
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

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }
}

public sealed record TestPerson(long Id, long CentreId, string Email, string DisplayName, string[] Roles);
