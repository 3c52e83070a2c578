using Dapper;
using Npgsql;
using Portfolio.Evidence;

namespace Portfolio.Suggestions;

/// <summary>A marking point suggested for a revision, with the words that show it.</summary>
public sealed record ShownSuggestion(long Id, long PointId, string Code, string PointText, string Strength, string? FileSha256,
    string? FileName, int Start, int End, string Quote)
{
    public bool IsStrong => Strength == SuggestionScorer.Strong;
}

/// <summary>What the suggestions panel of a revision shows: the suggestions, or why there are none.</summary>
public sealed record RevisionSuggestions(string? Outcome, IReadOnlyList<ShownSuggestion> Suggestions)
{
    /// <summary>The sentence the page shows instead of (or with no) suggestions; null when there are some to show.</summary>
    public string? Message => Suggestions.Count > 0 ? null
        : Outcome == RunOutcome.Ready ? "No further marking points stand out in this text." : RunOutcome.Explain(Outcome);

    public bool IsWaiting => Outcome is null;
}

/// <summary>
/// Suggestions as people see them and act on them: read for a revision (points already claimed, and for the candidate
/// points they dismissed, left out), accepted, dismissed and logged. Nothing here judges, maps or submits by itself.
/// </summary>
public sealed partial class SuggestionStore(NpgsqlDataSource db)
{
    sealed record Row(long Id, long MarkingPointId, string Code, string Text, string Strength, string? FileSha256, int StartOffset,
        int EndOffset, bool Dismissed);

    const string ReadSql = """
        SELECT c.suggestions_enabled, s.outcome, s.revision_id IS NOT NULL AS asked
        FROM centres c LEFT JOIN suggestion_runs s ON s.revision_id = @revisionId WHERE c.id = @centreId;
        SELECT g.id, g.marking_point_id, mp.code, mp.text, g.strength, g.file_sha256, g.start_offset, g.end_offset,
               EXISTS (SELECT 1 FROM suggestion_dismissals d
                       WHERE d.item_id = @itemId AND d.marking_point_id = g.marking_point_id) AS dismissed
        FROM suggestions g JOIN marking_points mp ON mp.id = g.marking_point_id
        JOIN suggestion_runs s ON s.revision_id = g.revision_id
        WHERE g.revision_id = @revisionId AND s.outcome = 'ready'
        ORDER BY g.rank
        """;

    const string RequestSql = "SELECT request_suggestions(@revisionId)";

    /// <summary>
    /// The suggestions of the revision shown, less points the item already claims and (<paramref name="hideDismissed"/>,
    /// for the candidate) points they dismissed. The quote comes from the revision's text or file, read by the caller.
    /// </summary>
    public async Task<RevisionSuggestions> ForRevisionAsync(long centreId, EvidenceDetail detail, bool hideDismissed,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var read = await conn.QueryMultipleAsync(new CommandDefinition(ReadSql,
            new { centreId, revisionId = detail.Revision.Id, itemId = detail.Id }, cancellationToken: ct));
        var (enabled, outcome, asked) = await read.ReadSingleAsync<(bool, string?, bool)>();
        var rows = (await read.ReadAsync<Row>()).ToList();
        if (!enabled)
        {
            return new RevisionSuggestions(RunOutcome.Key(NoSuggestions.SwitchedOff), []);
        }
        if (!asked)
        {
            // Text saved before suggestions existed (or while a centre's were off and never read since): ask for them
            // now, so "being prepared" is true and they appear on a later view.
            await conn.ExecuteAsync(new CommandDefinition(RequestSql, new { revisionId = detail.Revision.Id }, cancellationToken: ct));
        }
        var claimed = detail.Mappings.Select(m => m.MarkingPointId).ToHashSet();
        var shown = new List<ShownSuggestion>();
        foreach (var r in rows.Where(r => !claimed.Contains(r.MarkingPointId) && !(hideDismissed && r.Dismissed)))
        {
            var file = r.FileSha256 is null ? null : detail.Files.FirstOrDefault(f => f.Sha256 == r.FileSha256);
            var text = r.FileSha256 is null ? detail.Revision.Text : file?.ExtractedText;
            if (text is not null && r.EndOffset <= text.Length)
            {
                shown.Add(new ShownSuggestion(r.Id, r.MarkingPointId, r.Code, r.Text, r.Strength, r.FileSha256, file?.DisplayName,
                    r.StartOffset, r.EndOffset, text[r.StartOffset..r.EndOffset]));
            }
        }
        return new RevisionSuggestions(outcome, shown);
    }

    const string ShownSql = """
        INSERT INTO suggestion_events (centre_id, item_id, suggestion_id, marking_point_id, person_id, event, strength)
        SELECT @centreId, @itemId, g.id, g.marking_point_id, @personId, 'shown', g.strength
        FROM suggestions g WHERE g.id = ANY(@ids)
        ON CONFLICT (suggestion_id, person_id) WHERE event = 'shown' DO NOTHING
        """;

    /// <summary>Logs that these suggestions were shown to the person (once per suggestion and person).</summary>
    public async Task LogShownAsync(long centreId, long personId, long itemId, IReadOnlyList<ShownSuggestion> shown,
        CancellationToken ct = default)
    {
        if (shown.Count == 0)
        {
            return;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(ShownSql,
            new { centreId, personId, itemId, ids = shown.Select(s => s.Id).ToArray() }, cancellationToken: ct));
    }
}
