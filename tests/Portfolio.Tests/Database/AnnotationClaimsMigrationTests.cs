using FluentMigrator;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Evidence;
using Portfolio.Migrations;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Database;

/// <summary>The upgrade that makes annotations' marking points claims, run on data written before it.</summary>
public sealed class AnnotationClaimsMigrationTests(TestDatabase db) : IClassFixture<TestDatabase>
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

    [Fact]
    public async Task Upgrading_makes_the_points_an_existing_annotation_names_claims_that_progress_counts()
    {
        var e = await db.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(db, e, content: new EvidenceContent { Notes = "The client set her own goals and dates." });
        var text = await db.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        var (_, annotation) = await new EvidenceStore(db.DataSource).AnnotateAsync(e.CentreId, e.Candidate.Id, id, new EvidenceStore.NewAnnotation(
            AnnotationAnchor.FromQuote(text, "set her own goals").Anchor, null, null, "Shows 1.1.6", [await db.PointIdAsync(e.VersionId, "1.1.6")]));
        // As annotations were stored before they claimed: the point named, no mapping.
        await db.ScalarAsync<int>("DELETE FROM mappings WHERE item_id = @id RETURNING 1", new { id });

        Reapply(db.ConnectionString, new M202612071200_AnnotationClaims());

        Assert.Equal(annotation, await db.ScalarAsync<long>(
            "SELECT annotation_id FROM mappings m JOIN marking_points mp ON mp.id = m.marking_point_id WHERE m.item_id = @id AND mp.code = '1.1.6' AND m.by_annotation",
            new { id }));
        Assert.Equal(1, await db.ScalarAsync<int>(
            "SELECT p.claimed FROM enrolment_element_progress p JOIN rubric_elements el ON el.id = p.element_id WHERE p.enrolment_id = @enrolmentId AND el.code = '1.1'",
            new { e.EnrolmentId }));
    }
}
