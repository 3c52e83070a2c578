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
        int EndOffset);

    // The panel in one round trip: the centre's switch and the run, then the suggestions to show (points claimed, and
    // for the candidate points dismissed, left out), logging as shown, in the same statement, those this person has not
    // been shown yet. A view of suggestions already logged inserts nothing: the NOT EXISTS finds them in the index
    // first, and ON CONFLICT only settles two first views at once.
    const string ReadSql = """
        SELECT c.suggestions_enabled, s.outcome, s.revision_id IS NOT NULL AS asked
        FROM centres c LEFT JOIN suggestion_runs s ON s.revision_id = @revisionId WHERE c.id = @centreId;
        WITH shown AS (
            SELECT g.id, g.marking_point_id, mp.code, mp.text, g.strength, g.file_sha256, g.start_offset, g.end_offset,
                   g.rank
            FROM suggestions g JOIN marking_points mp ON mp.id = g.marking_point_id
            JOIN suggestion_runs s ON s.revision_id = g.revision_id
            JOIN centres c ON c.id = @centreId AND c.suggestions_enabled
            WHERE g.revision_id = @revisionId AND s.outcome = 'ready'
              AND g.marking_point_id <> ALL(@claimed)
              AND (g.file_sha256 IS NULL OR g.file_sha256 = ANY(@files))
              AND NOT (@hideDismissed AND EXISTS (SELECT 1 FROM suggestion_dismissals d
                       WHERE d.item_id = @itemId AND d.marking_point_id = g.marking_point_id))
        ), logged AS (
            INSERT INTO suggestion_events
                (centre_id, item_id, suggestion_id, marking_point_id, person_id, event, strength)
            SELECT @centreId, @itemId, x.id, x.marking_point_id, @personId, 'shown', x.strength
            FROM shown x
            WHERE @personId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM suggestion_events e
                WHERE e.suggestion_id = x.id AND e.person_id = @personId AND e.event = 'shown')
            ON CONFLICT (suggestion_id, person_id) WHERE event = 'shown' DO NOTHING
        )
        SELECT g.id, g.marking_point_id, g.code, g.text, g.strength, g.file_sha256, g.start_offset, g.end_offset
        FROM shown g
        ORDER BY g.rank
        """;

    const string RequestSql = "SELECT request_suggestions(@revisionId)";

    /// <summary>
    /// The suggestions of the revision shown, less points the item already claims and (<paramref name="hideDismissed"/>,
    /// for the candidate) points they dismissed, logged as shown to <paramref name="shownTo"/> when given (a page view;
    /// a form shown again after a mistake passes null). The quote comes from the revision's text or file.
    /// </summary>
    public async Task<RevisionSuggestions> ForRevisionAsync(long centreId, EvidenceDetail detail, bool hideDismissed,
        long? shownTo, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var read = await conn.QueryMultipleAsync(new CommandDefinition(ReadSql, new
        {
            centreId, revisionId = detail.Revision.Id, itemId = detail.Id, hideDismissed, personId = shownTo,
            claimed = detail.Mappings.Select(m => m.MarkingPointId).ToArray(),
            files = detail.Files.Select(f => f.Sha256).ToArray(),
        }, cancellationToken: ct));
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
        var shown = new List<ShownSuggestion>();
        foreach (var r in rows)
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
}
