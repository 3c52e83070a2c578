using Dapper;
using Npgsql;
using Portfolio.Database;

namespace Portfolio.Tests.Database;

public sealed class EmbeddedClusterTests
{
    [Fact]
    public async Task A_second_start_on_a_running_cluster_is_refused_with_a_clear_message()
    {
        var running = await TestCluster.InstanceAsync();

        var e = await Assert.ThrowsAsync<EmbeddedClusterException>(() => EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(running.DataFolder, Durable: false)));

        Assert.Contains("already in use", e.Message);
        await using var conn = new NpgsqlConnection(running.ConnectionString("postgres"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task Missing_server_binaries_name_what_to_install_and_the_setting_to_use_instead()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portfolio-no-binaries-" + Guid.NewGuid().ToString("N"));

        var e = await Assert.ThrowsAsync<EmbeddedClusterException>(() => EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(folder, BinFolder: "/nonexistent/bin")));

        Assert.Contains("apt-get install -y postgresql", e.Message);
        Assert.Contains("ConnectionStrings:Portfolio", e.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_cluster_is_created_on_first_start_and_its_data_kept_after_a_clean_stop()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-keep-{Guid.NewGuid():N}"[..24], "pg");
        var first = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(folder, Durable: false));
        await first.EnsureDatabaseAsync("kept");
        await using (var conn = new NpgsqlConnection(first.ConnectionString("kept") + ";Pooling=false"))
        {
            await conn.ExecuteAsync("CREATE TABLE notes (text text); INSERT INTO notes VALUES ('still here')");
        }
        await first.StopAsync();
        Assert.False(File.Exists(Path.Combine(folder, "postmaster.pid")));

        await using var second = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(folder, Durable: false));
        await using var again = new NpgsqlConnection(second.ConnectionString("kept") + ";Pooling=false");

        Assert.Equal("still here", await again.ExecuteScalarAsync<string>("SELECT text FROM notes"));
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(folder, "postgresql.conf")), l => l.StartsWith("listen_addresses = '*'", StringComparison.Ordinal));
    }
}
