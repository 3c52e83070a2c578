using System.Diagnostics;
using Dapper;
using Npgsql;
using Portfolio.Evidence;
using Portfolio.Quality;

namespace Portfolio.Benchmarks;

/// <summary>
/// A generated centre's quality-assurance history: the demo IQA samples decisions spread over the assessors and the
/// two years, through the same store the pages use (snapshots and all), and records an outcome on four in five, with
/// an action point on every tenth; the demo EQA gets a window on the whole centre. Without them the pages that list
/// samples, and the EQA's, would be measured empty.
/// </summary>
public static class SampleHistory
{
    const int Batch = 100;

    const string CentreSql = """
        SELECT p.centre_id, p.id AS iqa_id, e.qualification_id
        FROM people p JOIN enrolments e ON e.iqa_id = p.id WHERE p.email = 'iqa@demo.test' LIMIT 1
        """;

    // Every n-th open decision in a fixed scrambled order, so the samples fall across assessors, candidates and time.
    const string DecisionsSql = """
        SELECT source, id FROM qa_decisions
        WHERE centre_id = @centreId AND qualification_id = @qualificationId AND NOT sampled
        ORDER BY (id * 2654435761) % 1000003, source LIMIT @count
        """;

    sealed record Centre(long CentreId, long IqaId, long QualificationId);

    public static async Task TakeAsync(NpgsqlDataSource db, int count, Stopwatch clock)
    {
        if (count <= 0)
        {
            return;
        }
        await using var conn = await db.OpenConnectionAsync();
        var centre = await conn.QuerySingleAsync<Centre>(CentreSql);
        var existing = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM qa_samples WHERE centre_id = @CentreId", centre);
        if (existing < count)
        {
            await SampleAsync(db, conn, centre, count - (int)existing, clock);
        }
        await GrantEqaAsync(db, conn, centre.CentreId, clock);
    }

    static async Task SampleAsync(NpgsqlDataSource db, NpgsqlConnection conn, Centre centre, int count, Stopwatch clock)
    {
        var keys = (await conn.QueryAsync<(string Source, long Id)>(DecisionsSql,
            new { centre.CentreId, centre.QualificationId, count })).Select(k => new DecisionKey(k.Source, k.Id)).ToList();
        var quality = new QualityStore(db, new EvidenceStore(db));
        var taken = 0;
        foreach (var batch in keys.Chunk(Batch))
        {
            var ids = await quality.TakeSamplesAsync(centre.CentreId, centre.IqaId, centre.QualificationId, batch);
            foreach (var id in ids.Where(id => id % 5 != 0))
            {
                var agree = id % 7 != 0;
                await quality.RecordAsync(centre.CentreId, centre.IqaId, id, agree ? "agree" : "disagree",
                    agree ? "The judgement is supported by the evidence cited." : "The evidence does not yet show the point.",
                    id % 10 == 1 ? "Give the candidate a dated action for the missing point." : "");
            }
            taken += ids.Count;
        }
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {taken:N0} quality-assurance samples, four in five recorded");
    }

    // The demo EQA gets a year on the whole centre, so the external pages are measured at the centre's size too.
    static async Task GrantEqaAsync(NpgsqlDataSource db, NpgsqlConnection conn, long centreId, Stopwatch clock)
    {
        var (eqa, admin) = await conn.QuerySingleAsync<(long, long)>("""
            SELECT (SELECT id FROM people WHERE email = 'eqa@demo.test'), (SELECT id FROM people WHERE email = 'admin@demo.test')
            """);
        if (await conn.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM eqa_accesses WHERE eqa_id = @eqa AND whole_centre AND revoked_at IS NULL AND ends_at > now())",
            new { eqa }))
        {
            return;
        }
        await new ExternalAccess(db).GrantAsync(centreId, admin, eqa, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddYears(1),
            true, []);
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  eqa@demo.test can see the whole centre for a year");
    }
}
