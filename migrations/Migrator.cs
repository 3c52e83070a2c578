using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;

namespace Portfolio.Migrations;

/// <summary>Brings a database up to the newest schema. Used at start-up, by the migrate command and by tests.</summary>
public static class Migrator
{
    /// <summary>The newest migration this version of Portfolio knows.</summary>
    public static long NewestVersion => typeof(Migrator).Assembly.GetTypes()
        .Select(t => t.GetCustomAttributes(typeof(FluentMigrator.MigrationAttribute), false))
        .SelectMany(a => a.Cast<FluentMigrator.MigrationAttribute>())
        .Max(a => a.Version);

    public static void MigrateUp(string connectionString)
    {
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(rb => rb
                .AddPostgres15_0()
                .WithGlobalConnectionString(connectionString)
                .ScanIn(typeof(Migrator).Assembly).For.Migrations())
            .Configure<FluentMigrator.Runner.Processors.ProcessorOptions>(o => o.Timeout = TimeSpan.FromMinutes(5))
            .BuildServiceProvider(validateScopes: false);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
    }
}
