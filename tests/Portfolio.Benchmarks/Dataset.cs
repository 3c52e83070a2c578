using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Portfolio.Database;
using Portfolio.Demo;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Benchmarks;

/// <summary>How big a generated centre is.</summary>
public sealed record DatasetSize(int Candidates = 2_000, int Assessors = 40, int Seed = 1, int Samples = 1_000)
{
    // perf-candidate-0001 and perf-assessor-01 at the default sizes; wider when there are more (perf-candidate-10000).
    public int CandidateDigits => Math.Max(4, Candidates.ToString(CultureInfo.InvariantCulture).Length);
    public int AssessorDigits => Math.Max(2, Assessors.ToString(CultureInfo.InvariantCulture).Length);
}

/// <summary>
/// Fills the demo centre with a large, realistic caseload for load tests: assessors, candidates enrolled on the shipped
/// rubric, ~50 evidence items each (1–5 KB of text from a vocabulary), 3–6 mappings per item, reviews and judgements on
/// most submitted revisions, audit events and notifications. Bulk-loaded with binary COPY.
/// Sizes vary on purpose, to show statements per request do not grow with the data: perf-candidate-0001 has 5 items,
/// perf-candidate-0002 has 50; perf-assessor-01 has 10 candidates, the others about 51.
/// </summary>
public static class Dataset
{
    public const string EmailDomain = "perf.test";

    public static Task<int> RunAsync(string[] args) => OnDatabaseAsync(args, "generate", async (db, size, clock) =>
    {
        await DemoCentre.CreateIfEmptyAsync(db, Path.Combine(RepositoryRoot(), "rubrics"));
        await GenerateAsync(db, size, clock);
    });

    /// <summary>
    /// Runs <paramref name="work"/> on the database the arguments name (<c>--data-folder DIR</c>: the embedded cluster
    /// there, started and stopped around it; or <c>--connection</c>), migrated to the newest schema first.
    /// </summary>
    public static async Task<int> OnDatabaseAsync(string[] args, string command,
        Func<NpgsqlDataSource, DatasetSize, Stopwatch, Task> work)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var size = new DatasetSize(
            int.Parse(Option("--candidates") ?? "2000", CultureInfo.InvariantCulture),
            int.Parse(Option("--assessors") ?? "40", CultureInfo.InvariantCulture))
        {
            Samples = int.Parse(Option("--samples") ?? "1000", CultureInfo.InvariantCulture),
        };
        var connection = Option("--connection");
        var dataFolder = Option("--data-folder");
        if (connection is null == (dataFolder is null))
        {
            Console.Error.WriteLine($"Usage: {command} (--data-folder DIR | --connection \"Host=...\") [--candidates 2000] [--assessors 40] [--samples 1000]");
            return 2;
        }
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var clock = Stopwatch.StartNew();
        EmbeddedCluster? cluster = null;
        try
        {
            if (dataFolder is not null)
            {
                // The same layout as the site's own embedded database (Database:DataFolder), so the site can run on it after.
                cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions(Path.Combine(Path.GetFullPath(dataFolder), "postgres")));
                await cluster.EnsureDatabaseAsync("portfolio");
                connection = cluster.ConnectionString("portfolio");
            }
            Portfolio.Migrations.Migrator.MigrateUp(connection!);
            await using var db = NpgsqlDataSource.Create(connection! + ";Command Timeout=0");
            await work(db, size, clock);
            return 0;
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.StopAsync();
            }
        }
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portfolio.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository: the shipped rubric is read from rubrics/.");
    }

    const string CentreSql = """
        SELECT c.id AS centre_id, e.qualification_id, e.rubric_version_id, e.iqa_id, p.password_hash
        FROM centres c JOIN people p ON p.centre_id = c.id AND p.email = 'candidate@demo.test'
        JOIN enrolments e ON e.candidate_id = p.id
        ORDER BY c.id LIMIT 1
        """;

    sealed record Centre(long CentreId, long QualificationId, long RubricVersionId, long? IqaId, string PasswordHash);

    // Everyone signs in with the demo password: the hash is copied from the demo candidate.
    const string PeopleSql = """
        INSERT INTO people (centre_id, email, display_name, password_hash, roles)
        SELECT @centreId, @prefix || lpad(n::text, @digits, '0') || '@' || @domain,
               (@names)[1 + (n * 7) % cardinality(@names)] || ' ' || (@surnames)[1 + (n * 13) % cardinality(@surnames)],
               @hash, @roles
        FROM generate_series(1, @count) n
        """;

    static async Task GenerateAsync(NpgsqlDataSource db, DatasetSize size, Stopwatch clock)
    {
        await using var conn = await db.OpenConnectionAsync();
        if (await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM people WHERE email LIKE '%@" + EmailDomain + "')"))
        {
            Console.WriteLine("This database already holds a generated centre; nothing to do.");
            await PrintCountsAsync(conn);
            return;
        }
        var centre = await conn.QuerySingleAsync<Centre>(CentreSql);
        var points = (await conn.QueryAsync<long>("SELECT id FROM marking_points WHERE rubric_version_id = @v ORDER BY id", new { v = centre.RubricVersionId })).ToArray();
        var random = new Random(size.Seed);
        var text = new TextMaker(random);

        await using (var tx = await conn.BeginTransactionAsync())
        {
            await conn.ExecuteAsync(PeopleSql, new { centre.CentreId, prefix = "perf-assessor-", digits = size.AssessorDigits, domain = EmailDomain, names = Vocabulary.FirstNames, surnames = Vocabulary.Surnames, hash = centre.PasswordHash, roles = new[] { "assessor" }, count = size.Assessors }, tx);
            await conn.ExecuteAsync(PeopleSql, new { centre.CentreId, prefix = "perf-candidate-", digits = size.CandidateDigits, domain = EmailDomain, names = Vocabulary.FirstNames, surnames = Vocabulary.Surnames, hash = centre.PasswordHash, roles = new[] { "candidate" }, count = size.Candidates }, tx);
            // The first 10 candidates go to assessor 01; the rest are shared round the others.
            await conn.ExecuteAsync("""
                INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id, enrolled_at)
                SELECT @centreId, c.id, @qualificationId, @rubricVersionId,
                       (SELECT id FROM people WHERE email = 'perf-assessor-' || lpad((CASE WHEN c.n <= 10 THEN 1 ELSE 2 + (c.n - 11) % (@assessors - 1) END)::text, @digits, '0') || '@' || @domain),
                       @iqaId, now() - interval '2 years'
                FROM (SELECT id, substring(email from 'perf-candidate-(\d+)@')::int AS n FROM people WHERE email LIKE 'perf-candidate-%') c
                """, new { centre.CentreId, centre.QualificationId, centre.RubricVersionId, centre.IqaId, assessors = size.Assessors, digits = size.AssessorDigits, domain = EmailDomain }, tx);
            await tx.CommitAsync();
        }
        var enrolments = (await conn.QueryAsync<(long Id, long CandidateId, long AssessorId, int N)>("""
            SELECT e.id, e.candidate_id, e.assessor_id, substring(p.email from 'perf-candidate-(\d+)@')::int AS n
            FROM enrolments e JOIN people p ON p.id = e.candidate_id WHERE p.email LIKE 'perf-candidate-%' ORDER BY n
            """)).ToList();
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  people and enrolments");

        // The full-text index is built once at the end rather than maintained row by row.
        await conn.ExecuteAsync("DROP INDEX IF EXISTS evidence_revisions_search");
        var now = DateTime.UtcNow;
        var items = new List<PlannedItem>();
        foreach (var e in enrolments)
        {
            var count = e.N switch { 1 => 5, 2 => 50, _ => 5 + (e.N * 37) % 91 };
            for (var k = 0; k < count; k++)
            {
                var kind = Vocabulary.FreeTextKinds[random.Next(Vocabulary.FreeTextKinds.Length)];
                var created = now.AddDays(-random.Next(30, 700)).AddMinutes(-random.Next(1440));
                items.Add(new PlannedItem(e.Id, e.CandidateId, e.AssessorId, kind, text.Title(kind), created,
                    Revisions: random.NextDouble() < 0.2 ? 2 : 1, LatestSubmitted: random.NextDouble() < 0.75,
                    Points: points.OrderBy(_ => random.Next()).Take(random.Next(3, 7)).ToArray()));
            }
        }
        var firstItem = await conn.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) + 1 FROM evidence_items");
        await using (var copy = await conn.BeginBinaryImportAsync("COPY evidence_items (centre_id, enrolment_id, candidate_id, kind, title, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var i in items)
            {
                await copy.WriteRowAsync(default, centre.CentreId, i.EnrolmentId, i.CandidateId, i.Kind.Key(), i.Title, i.Created, i.Created.AddDays(i.Revisions * 10));
            }
            await copy.CompleteAsync();
        }
        // Identities are handed out in COPY order.
        var itemIds = (await conn.QueryAsync<long>("SELECT id FROM evidence_items WHERE id >= @firstItem ORDER BY id", new { firstItem })).ToArray();
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {itemIds.Length:N0} evidence items");

        var revisions = new List<PlannedRevision>();
        await using (var copy = await conn.BeginBinaryImportAsync("""
            COPY evidence_revisions (item_id, number, content, text, created_at, updated_at, submitted_at, anonymised_confirmed, client_consent_declared, authenticity_declared)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var x = 0; x < items.Count; x++)
            {
                var item = items[x];
                for (var number = 1; number <= item.Revisions; number++)
                {
                    var latest = number == item.Revisions;
                    var created = item.Created.AddDays((number - 1) * 10);
                    DateTime? submitted = !latest || item.LatestSubmitted ? created.AddDays(random.Next(1, 8)) : null;
                    var content = new EvidenceContent { Notes = text.Body(random.Next(1_000, 5_000)) };
                    await copy.StartRowAsync();
                    await copy.WriteAsync(itemIds[x], NpgsqlDbType.Bigint);
                    await copy.WriteAsync(number, NpgsqlDbType.Integer);
                    await copy.WriteAsync(content.ToJson(), NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(content.ToText(item.Kind), NpgsqlDbType.Text);
                    await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(submitted ?? created, NpgsqlDbType.TimestampTz);
                    if (submitted is { } s)
                    {
                        await copy.WriteAsync(s, NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                    await copy.WriteAsync(submitted is not null, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(submitted is not null, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(submitted is not null, NpgsqlDbType.Boolean);
                    revisions.Add(new PlannedRevision(x, number, latest, submitted));
                }
            }
            await copy.CompleteAsync();
        }
        var revisionIds = (await conn.QueryAsync<long>("SELECT r.id FROM evidence_revisions r WHERE r.item_id >= @firstItem ORDER BY r.id", new { firstItem })).ToArray();
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {revisionIds.Length:N0} revisions");

        await using (var copy = await conn.BeginBinaryImportAsync("COPY mappings (item_id, marking_point_id, rationale, created_at, created_by) FROM STDIN (FORMAT BINARY)"))
        {
            for (var x = 0; x < items.Count; x++)
            {
                foreach (var point in items[x].Points)
                {
                    await copy.WriteRowAsync(default, itemIds[x], point, text.Sentence(), items[x].Created, items[x].CandidateId);
                }
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  mappings");

        // Most submitted revisions have been reviewed: an earlier revision always (that is why there is a later one),
        // the latest one four times in five, returned to the candidate three times in four.
        var reviewed = new List<(PlannedRevision Revision, long RevisionId, DateTime? Returned)>();
        for (var r = 0; r < revisions.Count; r++)
        {
            var rev = revisions[r];
            if (rev.SubmittedAt is not { } submitted || (rev.Latest && random.NextDouble() >= 0.8))
            {
                continue;
            }
            DateTime? returned = !rev.Latest || random.NextDouble() < 0.75 ? submitted.AddDays(random.Next(1, 21)) : null;
            reviewed.Add((rev, revisionIds[r], returned));
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY assessment_reviews (revision_id, assessor_id, overall_feedback, started_at, updated_at, returned_at, candidate_response, responded_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (rev, revisionId, returned) in reviewed)
            {
                var item = items[rev.ItemIndex];
                var started = rev.SubmittedAt!.Value.AddHours(6);
                var answered = returned is not null && !rev.Latest;
                await copy.StartRowAsync();
                await copy.WriteAsync(revisionId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(item.AssessorId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(text.Paragraph(), NpgsqlDbType.Text);
                await copy.WriteAsync(started, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(returned ?? started, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, returned);
                if (answered)
                {
                    await copy.WriteAsync(text.Sentence(), NpgsqlDbType.Text);
                    await copy.WriteAsync(returned!.Value.AddDays(2), NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await copy.WriteNullAsync();
                    await copy.WriteNullAsync();
                }
            }
            await copy.CompleteAsync();
        }
        var reviewIds = (await conn.QueryAsync<(long RevisionId, long Id)>("SELECT revision_id, id FROM assessment_reviews")).ToDictionary(r => r.RevisionId, r => r.Id);
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {reviewed.Count:N0} reviews");

        var judgements = 0;
        await using (var copy = await conn.BeginBinaryImportAsync("COPY judgements (review_id, revision_id, item_id, marking_point_id, outcome, feedback, assessor_id, judged_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (rev, revisionId, returned) in reviewed)
            {
                var item = items[rev.ItemIndex];
                foreach (var point in item.Points)
                {
                    // An earlier revision was sent back for a reason; a later one is mostly met.
                    var roll = random.NextDouble();
                    var outcome = rev.Latest ? (roll < 0.8 ? "met" : roll < 0.95 ? "not-yet" : "rejected") : (roll < 0.4 ? "met" : "not-yet");
                    await copy.WriteRowAsync(default, reviewIds[revisionId], revisionId, itemIds[rev.ItemIndex], point, outcome,
                        outcome == "met" ? "" : text.Sentence(), item.AssessorId, (returned ?? rev.SubmittedAt!.Value).AddHours(-1));
                    judgements++;
                }
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {judgements:N0} judgements");

        await using (var copy = await conn.BeginBinaryImportAsync("COPY audit_events (occurred_at, centre_id, actor_id, action, subject_type, subject_id) FROM STDIN (FORMAT BINARY)"))
        {
            var events = new List<(DateTime At, long Actor, string Action, long Subject)>();
            foreach (var rev in revisions)
            {
                var item = items[rev.ItemIndex];
                var at = item.Created.AddDays((rev.Number - 1) * 10);
                events.Add((at, item.CandidateId, rev.Number == 1 ? "evidence.created" : "evidence.revision-started", itemIds[rev.ItemIndex]));
                events.Add((at.AddHours(2), item.CandidateId, "evidence.saved", itemIds[rev.ItemIndex]));
                if (rev.SubmittedAt is { } s)
                {
                    events.Add((s, item.CandidateId, "evidence.submitted", itemIds[rev.ItemIndex]));
                }
            }
            foreach (var (at, actor, action, subject) in events.OrderBy(e => e.At))
            {
                await copy.WriteRowAsync(default, at, centre.CentreId, actor, action, "evidence_item", subject);
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  audit events");

        await conn.ExecuteAsync("""
            INSERT INTO notifications (centre_id, person_id, text, link, created_at, read_at)
            SELECT @centreId, e.candidate_id, 'Your assessor has returned feedback', '/Portfolio', now() - k * interval '9 days',
                   CASE WHEN k > 2 THEN now() END
            FROM enrolments e CROSS JOIN generate_series(1, 6) k
            WHERE e.centre_id = @centreId
            """, new { centre.CentreId });
        await conn.ExecuteAsync(LearningPlansSql, new { centre.CentreId });
        await conn.ExecuteAsync(LearningHoursSql, new { centre.CentreId, learned = Vocabulary.Learned });
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  learning-hours plans and logs");
        // Suggestions for the generated revisions are asked for when someone opens one, not all at once in the background.
        await conn.ExecuteAsync("""
            DELETE FROM suggestion_runs s USING evidence_items i JOIN people p ON p.id = i.candidate_id
            WHERE s.item_id = i.id AND p.email LIKE '%@perf.test' AND s.outcome IS NULL
            """);
        await conn.ExecuteAsync("CREATE INDEX evidence_revisions_search ON evidence_revisions USING gin (search)");
        await SampleHistory.TakeAsync(db, size.Samples, clock);
        await conn.ExecuteAsync("VACUUM ANALYZE");
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  notifications, full-text index, VACUUM ANALYZE");
        await PrintCountsAsync(conn);
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F1} s. Every generated person signs in with the password \"{DemoCentre.Password}\".");
    }

    // Every enrolment gets a plan over two years; one in ten has prior learning taken off.
    const string LearningPlansSql = """
        INSERT INTO learning_plans (enrolment_id, start_date, planned_end_date, weekly_hours, prior_learning_hours,
                                    prior_learning_reason)
        SELECT e.id, current_date - 700 + (e.id % 60)::int, current_date + 30 + (e.id % 120)::int, 37.5,
               CASE WHEN e.id % 10 = 0 THEN 20 ELSE 0 END,
               CASE WHEN e.id % 10 = 0 THEN 'A Level 3 award in guidance skills, checked against the standard' END
        FROM enrolments e WHERE e.centre_id = @centreId
        """;

    // 80 to 120 activities per enrolment (100 on average) over the last 700 days, in every category; seven in ten
    // confirmed, two waiting, one queried. One statement, so the totals trigger runs once for the whole centre.
    const string LearningHoursSql = """
        INSERT INTO learning_hours (enrolment_id, activity_date, minutes, category, counts, learned, status, comment,
                                    decided_by, decided_at, created_at)
        SELECT e.id, current_date - ((k * 7 + e.id) % 700)::int, 30 + ((k * 37 + e.id) % 8)::int * 30, c.key, c.counts,
               (@learned::text[])[1 + (k + e.id) % cardinality(@learned::text[])],
               CASE WHEN k % 10 < 7 THEN 'confirmed' WHEN k % 10 < 9 THEN 'logged' ELSE 'queried' END,
               CASE WHEN k % 10 = 9 THEN 'Which session was this? Please add the date of the course.' END,
               CASE WHEN k % 10 < 7 OR k % 10 = 9 THEN e.assessor_id END,
               CASE WHEN k % 10 < 7 OR k % 10 = 9 THEN now() END,
               now() - ((k * 7 + e.id) % 700) * interval '1 day'
        FROM enrolments e
        CROSS JOIN LATERAL generate_series(1, 80 + (e.id % 41)::int) k
        JOIN (VALUES (0, 'training-course', true), (1, 'shadowing', true), (2, 'mentoring', true), (3, 'e-learning',
            true),
                     (4, 'industry-visit', true), (5, 'writing-assignments', true), (6, 'practical-training', true),
                     (7, 'other', true), (8, 'assessment', false), (9, 'progress-review', false),
                     (10, 'english-maths', false)) AS c(n, key, counts) ON c.n = (k * 3 + e.id) % 11
        WHERE e.centre_id = @centreId
        """;

    static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateTime? value)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, NpgsqlDbType.TimestampTz);
        }
        else
        {
            await copy.WriteNullAsync();
        }
    }

    static async Task PrintCountsAsync(NpgsqlConnection conn)
    {
        var counts = await conn.QuerySingleAsync<(long, long, long, long, long, long, long, long)>("""
            SELECT (SELECT count(*) FROM people WHERE 'candidate' = ANY(roles)), (SELECT count(*) FROM people WHERE 'assessor' = ANY(roles)),
                   (SELECT count(*) FROM evidence_items), (SELECT count(*) FROM evidence_revisions), (SELECT count(*) FROM mappings),
                   (SELECT count(*) FROM assessment_reviews), (SELECT count(*) FROM judgements), (SELECT count(*) FROM audit_events)
            """);
        var size = await conn.ExecuteScalarAsync<string>("SELECT pg_size_pretty(pg_database_size(current_database()))");
        Console.WriteLine($"""
            Rows: {counts.Item1:N0} candidates, {counts.Item2:N0} assessors, {counts.Item3:N0} evidence items, {counts.Item4:N0} revisions,
                  {counts.Item5:N0} mappings, {counts.Item6:N0} reviews, {counts.Item7:N0} judgements, {counts.Item8:N0} audit events; database {size}
            """);
    }

    sealed record PlannedItem(long EnrolmentId, long CandidateId, long AssessorId, EvidenceKind Kind, string Title, DateTime Created, int Revisions, bool LatestSubmitted, long[] Points);

    sealed record PlannedRevision(int ItemIndex, int Number, bool Latest, DateTime? SubmittedAt);

    /// <summary>Plausible practitioner prose from a vocabulary: sentences, paragraphs and Markdown-ish sections.</summary>
    sealed class TextMaker(Random random)
    {
        string Word(string[] words) => words[random.Next(words.Length)];

        public string Title(EvidenceKind kind) =>
            $"{kind.DisplayName()}: {Word(Vocabulary.Nouns)} {Word(Vocabulary.Connectives)} {Word(Vocabulary.Nouns)} with {Word(Vocabulary.FirstNames)}";

        public string Sentence()
        {
            var s = new StringBuilder();
            s.Append(Word(Vocabulary.Openers)).Append(' ').Append(Word(Vocabulary.Verbs)).Append(" the ").Append(Word(Vocabulary.Adjectives))
             .Append(' ').Append(Word(Vocabulary.Nouns));
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                s.Append(' ').Append(Word(Vocabulary.Connectives)).Append(' ').Append(Word(Vocabulary.Adjectives)).Append(' ').Append(Word(Vocabulary.Nouns));
            }
            return s.Append('.').ToString();
        }

        public string Paragraph() => string.Join(' ', Enumerable.Range(0, random.Next(3, 7)).Select(_ => Sentence()));

        public string Body(int length)
        {
            var s = new StringBuilder(length + 400);
            while (s.Length < length)
            {
                if (random.Next(4) == 0)
                {
                    s.Append("## ").Append(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Word(Vocabulary.Nouns))).Append("\n\n");
                }
                s.Append(Paragraph()).Append("\n\n");
            }
            return s.ToString().TrimEnd();
        }
    }

    static class Vocabulary
    {
        public static readonly EvidenceKind[] FreeTextKinds =
            [EvidenceKind.Observation, EvidenceKind.WitnessTestimony, EvidenceKind.ProfessionalDiscussion, EvidenceKind.OtherDocument];

        public static readonly string[] FirstNames =
            ["Aisha", "Ben", "Chidi", "Dana", "Eilidh", "Farid", "Grace", "Hamza", "Isla", "Jonah", "Keira", "Liam", "Maya", "Nikhil",
             "Olive", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor", "Wen", "Yusuf", "Zara", "Owen", "Megan", "Callum"];

        public static readonly string[] Surnames =
            ["Ahmed", "Baker", "Chen", "Doyle", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan",
             "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Thomas", "Usman", "Vaughan", "Walsh", "Young", "Zielinski"];

        public static readonly string[] Openers =
            ["I", "The client", "We", "My supervisor", "The young person", "Together we", "During the session I", "Afterwards I", "The adviser", "In review we"];

        public static readonly string[] Verbs =
            ["explored", "agreed", "reviewed", "challenged", "summarised", "clarified", "identified", "discussed", "reflected on",
             "recorded", "questioned", "signposted", "planned", "evaluated", "referred", "encouraged", "contracted", "negotiated"];

        public static readonly string[] Adjectives =
            ["realistic", "immediate", "long-term", "local", "confidential", "practical", "impartial", "client-centred", "labour-market",
             "informed", "tentative", "achievable", "relevant", "structured", "open", "reflective", "current", "specific", "measurable"];

        public static readonly string[] Nouns =
            ["career goals", "apprenticeship options", "labour market information", "action plan", "barriers", "strengths", "interests",
             "college courses", "CV", "interview skills", "work experience", "referral", "safeguarding concern", "contracting", "rapport",
             "next steps", "funding", "transferable skills", "job search", "personal statement", "decision", "values", "support network",
             "boundaries", "record of the session", "follow-up", "ethical practice", "equality and diversity", "local employers", "progress"];

        public static readonly string[] Learned =
        [
            "How to agree next steps a client can take on their own before the next meeting.",
            "Ways to open a first interview so the client sets the agenda.",
            "Reading local labour market figures and turning them into options a client can weigh.",
            "Keeping records that a client can read and correct, and what to share with consent.",
            "Using a coaching model to move from a goal to small dated actions.",
            "Reviewing a plan with a client: what changed, what stays, what to drop.",
            "Referral routes for clients who need help the service does not give.",
        ];

        public static readonly string[] Connectives =
            ["and", "with", "alongside", "against", "because of", "through", "before", "after", "while weighing", "as well as", "for"];
    }
}
