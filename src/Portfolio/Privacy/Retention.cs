using Dapper;
using Npgsql;
using Portfolio.Audit;

namespace Portfolio.Privacy;

/// <summary>A centre's retention policy: years to keep a portfolio after each event, and whether disposal runs by itself.</summary>
public sealed class RetentionPolicy
{
    public const int DefaultYears = 3;
    public int YearsAfterCertification { get; init; } = DefaultYears;
    public int YearsAfterWithdrawal { get; init; } = DefaultYears;
    public int YearsAfterInactivity { get; init; } = DefaultYears;
    public bool AutomaticDisposal { get; init; }
    public DateTime? UpdatedAt { get; init; }
}

/// <summary>A candidate whose portfolios have all passed their keeping date.</summary>
public sealed record DisposalDue(long CandidateId, string CandidateName, string Basis, DateTime DueAt);

/// <summary>What a disposal run did: how many were disposed of, and why each other one was not.</summary>
public sealed record DisposalRun(int Disposed, IReadOnlyList<string> Refusals, int FilesRemoved);

/// <summary>
/// Retention: each centre's policy, the daily list of candidates past their keeping date (none on legal hold), and
/// disposal, which keeps a minimal achievement record per enrolment and erases the rest, one candidate per transaction.
/// </summary>
public sealed partial class Retention(NpgsqlDataSource db, Erasure erasure)
{
    const string PolicySql = """
        SELECT years_after_certification, years_after_withdrawal, years_after_inactivity, automatic_disposal, updated_at
        FROM retention_policies WHERE centre_id = @centreId
        """;

    public async Task<RetentionPolicy> PolicyAsync(long centreId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<RetentionPolicy>(new CommandDefinition(PolicySql, new { centreId }, cancellationToken: ct))
            ?? new RetentionPolicy();
    }

    const string SavePolicySql = """
        INSERT INTO retention_policies AS p (centre_id, years_after_certification, years_after_withdrawal, years_after_inactivity,
                                             automatic_disposal, updated_at, updated_by)
        VALUES (@centreId, @YearsAfterCertification, @YearsAfterWithdrawal, @YearsAfterInactivity, @AutomaticDisposal, now(), @actorId)
        ON CONFLICT (centre_id) DO UPDATE SET years_after_certification = excluded.years_after_certification,
            years_after_withdrawal = excluded.years_after_withdrawal, years_after_inactivity = excluded.years_after_inactivity,
            automatic_disposal = excluded.automatic_disposal, updated_at = excluded.updated_at, updated_by = excluded.updated_by
        WHERE p.updated_at IS NOT DISTINCT FROM @loadedAt
        """;

    /// <summary>Saves the policy unless someone saved another since <paramref name="loadedAt"/>; false then.</summary>
    public async Task<bool> SavePolicyAsync(long centreId, long actorId, RetentionPolicy policy, DateTime? loadedAt, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await conn.QuerySingleOrDefaultAsync<RetentionPolicy>(new CommandDefinition(PolicySql + " FOR UPDATE", new { centreId }, tx, cancellationToken: ct));
        if (before?.UpdatedAt != loadedAt)
        {
            return false;
        }
        await conn.ExecuteAsync(new CommandDefinition(SavePolicySql, new
        {
            centreId, actorId, loadedAt, policy.YearsAfterCertification, policy.YearsAfterWithdrawal, policy.YearsAfterInactivity,
            policy.AutomaticDisposal,
        }, tx, cancellationToken: ct));
        await AuditTrail.WriteAsync(conn, new AuditEvent("retention-policy.saved", centreId, actorId, "centre", centreId,
            Before: before, After: policy), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    const string DueListSql = """
        SELECT d.candidate_id, p.display_name AS candidate_name, d.basis, d.due_at
        FROM disposals_due d JOIN people p ON p.id = d.candidate_id
        WHERE d.centre_id = @centreId ORDER BY d.due_at, d.candidate_id LIMIT @limit
        """;

    public async Task<(IReadOnlyList<DisposalDue> Due, int Total, DateTime? ListedAt)> DueAsync(long centreId, int limit = 200, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var due = (await conn.QueryAsync<DisposalDue>(new CommandDefinition(DueListSql, new { centreId, limit }, cancellationToken: ct))).ToList();
        var (total, listedAt) = await conn.QuerySingleAsync<(long, DateTime?)>(new CommandDefinition(
            "SELECT count(*), max(listed_at) FROM disposals_due WHERE centre_id = @centreId", new { centreId }, cancellationToken: ct));
        return (due, (int)total, listedAt);
    }

    /// <summary>Lists again the centre's candidates past their keeping date (the daily check); returns how many.</summary>
    public async Task<int> RefreshDueAsync(long centreId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM disposals_due WHERE centre_id = @centreId", new { centreId }, tx, cancellationToken: ct));
        var count = await conn.ExecuteAsync(new CommandDefinition(RefreshDueSql, new { centreId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>
    /// Disposes of the listed candidates, each in its own transaction: only those still listed, past their date and not
    /// on hold. A failure for one leaves that candidate as they were and the run goes on.
    /// </summary>
    public async Task<DisposalRun> DisposeAsync(long centreId, IReadOnlyCollection<long> candidateIds, long? actorId,
        CancellationToken ct = default)
    {
        var (disposed, filesRemoved, refusals) = (0, 0, new List<string>());
        foreach (var candidateId in candidateIds.Distinct())
        {
            var (done, refusal, removed) = await DisposeOneAsync(centreId, candidateId, actorId, ct);
            disposed += done ? 1 : 0;
            filesRemoved += erasure.RemoveFiles(removed);
            if (refusal is not null)
            {
                refusals.Add($"Person {candidateId}: {refusal}");
            }
        }
        return new DisposalRun(disposed, refusals, filesRemoved);
    }

    async Task<(bool Done, string? Refusal, IReadOnlyList<string> Removed)> DisposeOneAsync(long centreId, long candidateId,
        long? actorId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            var due = await conn.QuerySingleOrDefaultAsync<DisposalDue>(new CommandDefinition(LockDueSql, new { centreId, candidateId }, tx, cancellationToken: ct));
            if (due is null)
            {
                return (false, "not on the list of portfolios past their date (already disposed of, or no longer due)", []);
            }
            var check = (await Erasure.CheckForUpdateAsync(conn, tx, centreId, candidateId, ct))!;
            if (check.Blockers.FirstOrDefault(b => b.Reason.StartsWith("On legal hold", StringComparison.Ordinal)) is { } hold)
            {
                return (false, hold.Reason, []);
            }
            await conn.ExecuteAsync(new CommandDefinition(AchievementSql, new { centreId, candidateId }, tx, cancellationToken: ct));
            var removed = await Erasure.EraseInsideAsync(conn, tx, centreId, check, actorId, Erasure.Kind.Disposal,
                $"Retention period after {due.Basis} ended on {due.DueAt:d MMMM yyyy}", null, null, ct);
            await tx.CommitAsync(ct);
            return (true, null, removed);
        }
        catch (PostgresException e)
        {
            return (false, $"nothing was disposed of: the database refused ({e.MessageText})", []);
        }
    }
}
