using Dapper;
using FluentMigrator;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Evidence;
using Portfolio.Migrations;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Database;

/// <summary>The upgrade that takes copied texts out of audit rows written before it.</summary>
public sealed class AuditWithoutTextsMigrationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static void Reapply(string connectionString, IMigration migration)
    {
        using var services = new ServiceCollection().AddFluentMigratorCore()
            .ConfigureRunner(rb => rb.AddPostgres15_0().WithGlobalConnectionString(connectionString).ScanIn(typeof(Migrator).Assembly).For.Migrations())
            .BuildServiceProvider(validateScopes: false);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        runner.Down(migration);
        runner.Up(migration);
    }

    // Rows as Portfolio wrote them before: whole texts in before and after.
    const string OldRowsSql = """
        INSERT INTO audit_events (centre_id, actor_id, action, subject_type, subject_id, before, after) VALUES
        (@centreId, @actorId, 'evidence.saved', 'evidence_item', @id, '{"text": "Call 07700 900461"}',
         '{"title": "Plan", "text": "Call her later", "annotationsMoved": 0, "annotationsOrphaned": 0}'),
        (@centreId, @actorId, 'evidence.annotated', 'evidence_item', @id, NULL,
         '{"annotationId": 1, "quote": "on 07700 900461", "comment": "Shows 1.1.2", "points": [1]}'),
        (@centreId, @actorId, 'qa-sample.recorded', 'qa_sample', 1, NULL,
         '{"outcome": "agree", "feedback": "Remove 07700 900461", "actions": ["Take out 07700 900461", "Check"]}')
        """;

    [Fact]
    public async Task Upgrading_replaces_every_copied_text_by_its_size_and_hash_and_keeps_the_rest()
    {
        var e = await db.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(db, e, content: new EvidenceContent { Notes = "Call her later" });
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
            await conn.ExecuteAsync("DELETE FROM audit_events");
            await conn.ExecuteAsync("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
            await conn.ExecuteAsync(OldRowsSql, new { e.CentreId, actorId = e.Candidate.Id, id });
        }

        Reapply(db.ConnectionString, new M202612071800_AuditWithoutTexts());

        Assert.Equal(0, await db.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE concat(before, after) LIKE '%900461%'"));
        Assert.Equal(17, await db.ScalarAsync<int>("SELECT (before->'text'->>'chars')::int FROM audit_events WHERE action = 'evidence.saved'"));
        Assert.Equal(Portfolio.Audit.AuditText.Of("Call her later")!.Sha256, await db.ScalarAsync<string>(
            "SELECT after->'text'->>'sha256' FROM audit_events WHERE action = 'evidence.saved'"));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT (after->>'revisionNumber')::int FROM audit_events WHERE action = 'evidence.saved'"));
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT jsonb_array_length(after->'actions') FROM audit_events WHERE action = 'qa-sample.recorded'"));
        Assert.Equal("agree", await db.ScalarAsync<string>("SELECT after->>'outcome' FROM audit_events WHERE action = 'qa-sample.recorded'"));
        Assert.Equal(11, await db.ScalarAsync<int>("SELECT (after->'comment'->>'chars')::int FROM audit_events WHERE action = 'evidence.annotated'"));
    }

    [Fact]
    public async Task After_the_upgrade_the_audit_trail_is_append_only_again()
    {
        await db.EnrolledCandidateAsync();
        Reapply(db.ConnectionString, new M202612071800_AuditWithoutTexts());

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ScalarAsync<int>("UPDATE audit_events SET action = 'x' RETURNING 1"));
        Assert.Equal("O", await db.ScalarAsync<string>(
            "SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'audit_events_append_only'"));
    }
}
