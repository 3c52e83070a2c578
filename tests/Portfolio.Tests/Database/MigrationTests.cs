using Dapper;
using Npgsql;

namespace Portfolio.Tests.Database;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_run_up_on_an_empty_database_and_a_second_run_changes_nothing()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();

        Portfolio.Migrations.Migrator.MigrateUp(connectionString);
        Portfolio.Migrations.Migrator.MigrateUp(connectionString);

        await using var conn = new NpgsqlConnection(connectionString);
        var tables = (await conn.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToList();
        Assert.Contains("centres", tables);
        Assert.Contains("people", tables);
        Assert.Contains("audit_events", tables);
        Assert.Contains("data_protection_keys", tables);
        Assert.Contains("sign_in_sessions", tables);
    }
}
