using Dapper;
using Npgsql;
using Portfolio.Rubrics;

namespace Portfolio.Suggestions;

/// <summary>
/// The worker's side of suggestions: takes the newest waiting run (a revision saved since its suggestions were last
/// worked out), reads its text and its files' extracted text, and stores the points it may show or why there are none.
/// Several nodes may work at once: each run is taken with SKIP LOCKED, and a run asked for again meanwhile (its text
/// changed) stays waiting.
/// </summary>
public sealed class SuggestionRuns(NpgsqlDataSource db, PointVectors pointVectors, SentenceModel model)
{
    sealed record Waiting(long RevisionId, long ItemId, string TextHash, string Text, string Kind, long RubricVersionId,
        bool SuggestionsEnabled);

    const string TakeSql = """
        SELECT s.revision_id, s.item_id, s.text_hash, r.text, i.kind, e.rubric_version_id, c.suggestions_enabled
        FROM suggestion_runs s
        JOIN evidence_revisions r ON r.id = s.revision_id JOIN evidence_items i ON i.id = s.item_id
        JOIN enrolments e ON e.id = i.enrolment_id JOIN centres c ON c.id = i.centre_id
        WHERE s.outcome IS NULL
        ORDER BY s.requested_at DESC LIMIT 1
        FOR UPDATE OF s SKIP LOCKED
        """;

    const string FilesSql = """
        SELECT DISTINCT f.sha256, s.extracted_text FROM evidence_files f JOIN stored_files s ON s.sha256 = f.sha256
        WHERE f.revision_id = @revisionId AND s.extracted_text IS NOT NULL
        ORDER BY f.sha256
        """;

    const string InsertSql = """
        INSERT INTO suggestions (revision_id, marking_point_id, strength, score, rank, file_sha256, start_offset, end_offset)
        VALUES (@revisionId, @pointId, @strength, @score, @rank, @fileSha256, @start, @end) RETURNING id
        """;

    const string FinishSql = """
        DELETE FROM suggestions WHERE revision_id = @revisionId AND id <> ALL(@kept);
        UPDATE suggestion_runs SET outcome = @outcome, finished_at = now() WHERE revision_id = @revisionId;
        """;

    /// <summary>Works out one waiting run; false when none was waiting.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var run = await conn.QuerySingleOrDefaultAsync<Waiting>(new CommandDefinition(TakeSql, transaction: tx, cancellationToken: ct));
        if (run is null)
        {
            return false;
        }
        var files = (await conn.QueryAsync<(string Sha256, string Text)>(new CommandDefinition(FilesSql,
            new { run.RevisionId }, tx, cancellationToken: ct))).ToList();
        var (outcome, found) = await ComputeAsync(run, files, ct);
        // Suggestions already shown keep their ids (the log and accepted mappings point at them); the rest are replaced.
        var kept = new List<long>();
        var previous = (await conn.QueryAsync<(long Id, long PointId)>(new CommandDefinition(
            "SELECT id, marking_point_id FROM suggestions WHERE revision_id = @revisionId", new { run.RevisionId }, tx,
            cancellationToken: ct))).ToDictionary(p => p.PointId, p => p.Id);
        for (var rank = 0; rank < found.Count; rank++)
        {
            var s = found[rank];
            var args = new
            {
                run.RevisionId, s.PointId, strength = s.Strength, score = s.Score, rank, s.Passage.FileSha256,
                start = s.Passage.Start, end = s.Passage.End,
            };
            if (previous.TryGetValue(s.PointId, out var id))
            {
                kept.Add(id);
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE suggestions SET strength = @strength, score = @score, rank = @rank, file_sha256 = @fileSha256,
                        start_offset = @start, end_offset = @end WHERE id = @id
                    """, new { id, args.strength, args.score, args.rank, args.FileSha256, args.start, args.end }, tx, cancellationToken: ct));
            }
            else
            {
                kept.Add(await conn.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, args, tx, cancellationToken: ct)));
            }
        }
        await conn.ExecuteAsync(new CommandDefinition(FinishSql, new { run.RevisionId, kept = kept.ToArray(), outcome },
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    async Task<(string Outcome, IReadOnlyList<ScoredPoint> Found)> ComputeAsync(Waiting run,
        IReadOnlyList<(string Sha256, string Text)> files, CancellationToken ct)
    {
        if (!run.SuggestionsEnabled)
        {
            return (RunOutcome.Key(NoSuggestions.SwitchedOff), []);
        }
        var texts = new List<string> { run.Text };
        texts.AddRange(files.Select(f => f.Text));
        if (Passages.Check(texts) is var reason and not NoSuggestions.None)
        {
            return (RunOutcome.Key(reason), []);
        }
        var passages = Passages.Split(run.Text).Concat(files.SelectMany(f => Passages.Split(f.Text, f.Sha256))).ToList();
        if (passages.Count == 0)
        {
            return (RunOutcome.Key(NoSuggestions.Empty), []);
        }
        var points = await pointVectors.ForVersionAsync(run.RubricVersionId, model, ct);
        var vectors = model.Encode(passages.Select(p => p.Text).ToList(), ct);
        if (points is null || vectors is null)
        {
            return (RunOutcome.Key(NoSuggestions.ModelUnavailable), []);
        }
        EvidenceKinds.TryParse(run.Kind, out var kind);
        return (RunOutcome.Ready, SuggestionScorer.Score(passages, vectors, points, kind));
    }
}
