using Dapper;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Database;

/// <summary>
/// The progress summaries the database keeps (enrolment_element_progress, enrolment_progress, assessment_queue, and
/// the turnaround counts per assessor) always equal a count made from scratch from mappings, judgements, revisions
/// and reviews, whatever wrote them.
/// </summary>
public sealed class ProgressSummaryTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    // From scratch, written differently from the triggers on purpose: one correlated test per marking point.
    const string ExpectedElementsSql = """
        SELECT e.id AS enrolment_id, el.id AS element_id, count(*)::int AS total,
               count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM mappings m JOIN evidence_items i ON i.id = m.item_id
                   WHERE m.marking_point_id = mp.id AND i.enrolment_id = e.id))::int AS claimed,
               count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM evidence_items i
                   WHERE i.enrolment_id = e.id AND (
                       SELECT j.outcome FROM judgements j WHERE j.item_id = i.id AND j.marking_point_id = mp.id
                       ORDER BY j.judged_at DESC, j.id DESC LIMIT 1) = 'met'))::int AS met
        FROM enrolments e JOIN rubric_elements el ON el.rubric_version_id = e.rubric_version_id JOIN marking_points mp ON mp.element_id = el.id
        WHERE e.centre_id = @centreId
        GROUP BY e.id, el.id ORDER BY 1, 2
        """;

    const string ActualElementsSql = """
        SELECT p.enrolment_id, p.element_id, p.total, p.claimed, p.met
        FROM enrolment_element_progress p JOIN enrolments e ON e.id = p.enrolment_id WHERE e.centre_id = @centreId ORDER BY 1, 2
        """;

    const string ExpectedQueueSql = """
        SELECT i.id AS item_id, e.assessor_id, r.number AS revision_number, r.submitted_at,
               EXISTS (SELECT 1 FROM assessment_reviews ar WHERE ar.revision_id = r.id) AS started
        FROM evidence_items i JOIN enrolments e ON e.id = i.enrolment_id JOIN evidence_revisions r ON r.item_id = i.id
        WHERE e.centre_id = @centreId AND r.number = (SELECT max(number) FROM evidence_revisions WHERE item_id = i.id)
          AND r.submitted_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM assessment_reviews ar WHERE ar.revision_id = r.id AND ar.returned_at IS NOT NULL)
        ORDER BY 1
        """;

    const string ActualQueueSql = """
        SELECT q.item_id, q.assessor_id, q.revision_number, q.submitted_at, q.started
        FROM assessment_queue q JOIN enrolments e ON e.id = q.enrolment_id WHERE e.centre_id = @centreId ORDER BY 1
        """;

    const string ExpectedTotalsSql = """
        SELECT e.id AS enrolment_id,
               (SELECT count(*) FROM marking_points mp WHERE mp.rubric_version_id = e.rubric_version_id)::int AS total,
               (SELECT count(DISTINCT m.marking_point_id) FROM mappings m JOIN evidence_items i ON i.id = m.item_id
                JOIN marking_points mp ON mp.id = m.marking_point_id
                WHERE i.enrolment_id = e.id AND mp.rubric_version_id = e.rubric_version_id)::int AS claimed,
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ar.returned_at - r.submitted_at) / 86400)
                FROM assessment_reviews ar JOIN evidence_revisions r ON r.id = ar.revision_id JOIN evidence_items i ON i.id = r.item_id
                WHERE i.enrolment_id = e.id AND ar.returned_at IS NOT NULL) AS median
        FROM enrolments e WHERE e.centre_id = @centreId ORDER BY 1
        """;

    const string ActualTotalsSql = """
        SELECT p.enrolment_id, p.total, p.claimed, p.median_days_to_feedback AS median
        FROM enrolment_progress p JOIN enrolments e ON e.id = p.enrolment_id WHERE e.centre_id = @centreId ORDER BY 1
        """;

    // The turnaround counts per assessor (turnaround_hundredths, turnaround_days), from the returned reviews.
    const string ExpectedTurnaroundSql = """
        WITH returned AS (
            SELECT e.centre_id, e.qualification_id, e.assessor_id,
                   round((extract(epoch FROM ar.returned_at - r.submitted_at) / 86400)::double precision * 100)::int
                       AS hundredths
            FROM assessment_reviews ar JOIN evidence_revisions r ON r.id = ar.revision_id
            JOIN evidence_items i ON i.id = r.item_id JOIN enrolments e ON e.id = i.enrolment_id
            WHERE e.centre_id = @centreId AND ar.returned_at IS NOT NULL AND e.assessor_id IS NOT NULL)
        SELECT 'h' AS level, centre_id, qualification_id, assessor_id, hundredths AS bucket, count(*)::int
        FROM returned GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'd', centre_id, qualification_id, assessor_id, floor(hundredths / 100.0)::int, count(*)::int
        FROM returned GROUP BY 2, 3, 4, 5
        ORDER BY 1, 2, 3, 4, 5
        """;

    const string ActualTurnaroundSql = """
        SELECT 'h' AS level, centre_id, qualification_id, assessor_id, hundredths AS bucket, returned
        FROM turnaround_hundredths WHERE centre_id = @centreId
        UNION ALL
        SELECT 'd', centre_id, qualification_id, assessor_id, day, returned FROM turnaround_days WHERE centre_id = @centreId
        ORDER BY 1, 2, 3, 4, 5
        """;

    async Task AssertSummariesMatchAsync(long centreId, string step)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        async Task<List<string>> Rows(string sql) =>
            (await conn.QueryAsync(sql, new { centreId })).Select(r => string.Join(" | ", ((IDictionary<string, object?>)r).Values.Select(Format))).ToList();
        Assert.True((await Rows(ExpectedElementsSql)).SequenceEqual(await Rows(ActualElementsSql)), $"Element progress differs after: {step}");
        Assert.True((await Rows(ExpectedQueueSql)).SequenceEqual(await Rows(ActualQueueSql)), $"Assessment queue differs after: {step}");
        Assert.True((await Rows(ExpectedTotalsSql)).SequenceEqual(await Rows(ActualTotalsSql)), $"Enrolment totals differ after: {step}");
        Assert.True((await Rows(ExpectedTurnaroundSql)).SequenceEqual(await Rows(ActualTurnaroundSql)),
            $"Turnaround counts differ after: {step}");
        var waiting = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM assessment_queue q JOIN enrolments e ON e.id = q.enrolment_id WHERE e.centre_id = @centreId", new { centreId });
        Assert.Equal(waiting, await conn.ExecuteScalarAsync<long>("SELECT coalesce(sum(p.waiting), 0) FROM enrolment_progress p JOIN enrolments e ON e.id = p.enrolment_id WHERE e.centre_id = @centreId", new { centreId }));
    }

    static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
        decimal m => ((double)m).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("O"),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    [Fact]
    public async Task Every_kind_of_write_keeps_the_summaries_equal_to_a_count_from_scratch()
    {
        var e = await app.EnrolledCandidateAsync();
        var other = await QualitySteps.AnotherCandidateAsync(app, e);
        var evidence = new EvidenceStore(app.DataSource);
        var assessment = new AssessmentStore(app.DataSource);
        await AssertSummariesMatchAsync(e.CentreId, "enrolling");

        var first = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan, content: new EvidenceContent { Notes = "A first plan." });
        var second = await EvidenceTestSteps.ItemAsync(app, other, EvidenceKind.OtherDocument, content: new EvidenceContent { Notes = "Another." });
        await AssertSummariesMatchAsync(e.CentreId, "creating items");

        var points = new[] { "1.1.1", "1.1.2", "2.1.1" };
        foreach (var code in points)
        {
            Assert.Equal(EvidenceRefusal.None, await evidence.MapAsync(e.CentreId, e.Candidate.Id, first, await app.PointIdAsync(e.VersionId, code), "Shown", null));
        }
        Assert.Equal(EvidenceRefusal.None, await evidence.MapAsync(other.CentreId, other.Candidate.Id, second, await app.PointIdAsync(e.VersionId, "1.1.1"), "Shown", null));
        await AssertSummariesMatchAsync(e.CentreId, "mapping");

        var mapping = await app.ScalarAsync<long>("SELECT id FROM mappings WHERE item_id = @first AND marking_point_id = @p", new { first, p = await app.PointIdAsync(e.VersionId, "2.1.1") });
        Assert.Equal(EvidenceRefusal.None, await evidence.UnmapAsync(e.CentreId, e.Candidate.Id, first, mapping));
        await AssertSummariesMatchAsync(e.CentreId, "unmapping");

        Assert.Equal(EvidenceRefusal.None, await evidence.SaveDraftAsync(e.CentreId, e.Candidate.Id, first, "Renamed plan", new EvidenceContent { Notes = "Changed." }, await EvidenceTestSteps.RowVersionAsync(app, first)));
        Assert.Equal(EvidenceRefusal.None, await evidence.SubmitAsync(e.CentreId, e.Candidate.Id, first, await EvidenceTestSteps.RowVersionAsync(app, first), true, true));
        Assert.Equal(EvidenceRefusal.None, await evidence.SubmitAsync(other.CentreId, other.Candidate.Id, second, await EvidenceTestSteps.RowVersionAsync(app, second), true, true));
        await AssertSummariesMatchAsync(e.CentreId, "submitting");

        var p1 = await app.PointIdAsync(e.VersionId, "1.1.1");
        var p2 = await app.PointIdAsync(e.VersionId, "1.1.2");
        Assert.Equal(AssessmentRefusal.None, await assessment.JudgeAsync(e.CentreId, e.Assessor.Id, first, 0,
            [new JudgementInput(p1, Outcome.Met, "Clear."), new JudgementInput(p2, Outcome.NotYet, "Say more about the next step.")], [], "", false));
        await AssertSummariesMatchAsync(e.CentreId, "judging without returning (review started)");

        var reviewVersion = await app.ScalarAsync<long>("SELECT ar.xmin::text::bigint FROM assessment_reviews ar JOIN evidence_revisions r ON r.id = ar.revision_id WHERE r.item_id = @first", new { first });
        Assert.Equal(AssessmentRefusal.None, await assessment.JudgeAsync(e.CentreId, e.Assessor.Id, first, reviewVersion,
            [new JudgementInput(p1, Outcome.Met, "Clear."), new JudgementInput(p2, Outcome.NotYet, "Say more about the next step.")], [], "Nearly there.", true));
        await AssertSummariesMatchAsync(e.CentreId, "returning");

        await app.ScalarAsync<int>("UPDATE assessment_reviews ar SET returned_at = r.submitted_at + interval '3 days 12 hours' FROM evidence_revisions r WHERE r.id = ar.revision_id AND r.item_id = @first RETURNING 1", new { first });
        await AssertSummariesMatchAsync(e.CentreId, "changing when feedback was returned");

        Assert.Equal(EvidenceRefusal.None, await evidence.ReviseAsync(e.CentreId, e.Candidate.Id, first));
        await AssertSummariesMatchAsync(e.CentreId, "starting a new revision");

        Assert.Equal(EvidenceRefusal.None, await evidence.SubmitAsync(e.CentreId, e.Candidate.Id, first, await EvidenceTestSteps.RowVersionAsync(app, first), true, true));
        Assert.Equal(AssessmentRefusal.None, await assessment.JudgeAsync(e.CentreId, e.Assessor.Id, first, 0,
            [new JudgementInput(p1, Outcome.NotYet, "This no longer shows it."), new JudgementInput(p2, Outcome.Met, "Now clear.")], [], "", true));
        await AssertSummariesMatchAsync(e.CentreId, "judging the second revision (the newest judgement wins)");

        await app.ScalarAsync<int>("UPDATE enrolments SET assessor_id = @assessor WHERE id = @id RETURNING 1", new { assessor = e.Assessor.Id, id = other.EnrolmentId });
        await AssertSummariesMatchAsync(e.CentreId, "giving a candidate another assessor");

        await app.ScalarAsync<int>("DELETE FROM judgements WHERE item_id = @first AND marking_point_id = @p2 RETURNING 1", new { first, p2 });
        await AssertSummariesMatchAsync(e.CentreId, "deleting judgements");

        var third = await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ReflectiveAccount, "Reflecting on a session.", "1.2.1", "1.2.2");
        await AssertSummariesMatchAsync(e.CentreId, $"a whole loop on item {third}");

        var element = await app.ScalarAsync<int>("SELECT met FROM enrolment_element_progress p JOIN rubric_elements el ON el.id = p.element_id WHERE p.enrolment_id = @id AND el.code = '1.2'", new { id = e.EnrolmentId });
        Assert.True(element >= 2, "The summary counts the points met by the whole loop");
    }

    [Fact]
    public async Task Concurrent_writers_on_one_enrolment_leave_the_summaries_right()
    {
        var e = await app.EnrolledCandidateAsync();
        var evidence = new EvidenceStore(app.DataSource);
        var items = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            items.Add(await EvidenceTestSteps.ItemAsync(app, e));
        }
        List<long> points;
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            points = (await conn.QueryAsync<long>("SELECT id FROM marking_points WHERE rubric_version_id = @v ORDER BY id", new { v = e.VersionId })).ToList();
        }

        // Six writers map and submit different items of the same enrolment at once, each in its own transactions.
        await Task.WhenAll(items.Select((item, n) => Task.Run(async () =>
        {
            foreach (var point in points.Skip(n * 2).Take(4))
            {
                Assert.Equal(EvidenceRefusal.None, await evidence.MapAsync(e.CentreId, e.Candidate.Id, item, point, "Shown", null));
            }
            Assert.Equal(EvidenceRefusal.None, await evidence.SubmitAsync(e.CentreId, e.Candidate.Id, item, await EvidenceTestSteps.RowVersionAsync(app, item), true, true));
        })));

        await AssertSummariesMatchAsync(e.CentreId, "six concurrent writers");
        Assert.Equal(6, await app.ScalarAsync<int>("SELECT waiting FROM enrolment_progress WHERE enrolment_id = @id", new { id = e.EnrolmentId }));
        Assert.Equal(Math.Min(points.Count, 14), await app.ScalarAsync<int>("SELECT claimed FROM enrolment_progress WHERE enrolment_id = @id", new { id = e.EnrolmentId }));
    }
}
