using Dapper;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Backups;
using Portfolio.Web.Hosting;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin;

public sealed class IndexModel(NpgsqlDataSource db, BackupRuns backups,
    PortfolioDatabase database, TimeProvider clock) : PageModel
{
    public sealed record Counts(int People, int Qualifications, int Versions, int Enrolments, int Unassigned);

    public Counts Totals { get; private set; } = new(0, 0, 0, 0, 0);

    /// <summary>The installation's backups (the whole database, every centre), as the backup record tells them.</summary>
    public BackupRuns.Status Backups { get; private set; } = new(null, null);

    public bool BackupTooOld => Backups.IsTooOld(clock.GetUtcNow().UtcDateTime);

    /// <summary>Portfolio backs up the embedded database itself; a configured server may be backed up by other means.</summary>
    public bool BacksUpItself => database.IsEmbedded;

    const string CountsSql = """
        SELECT (SELECT count(*) FROM people WHERE centre_id = @centreId AND active)::int AS people,
               (SELECT count(*) FROM qualifications WHERE centre_id = @centreId)::int AS qualifications,
               (SELECT count(*) FROM rubric_versions v JOIN qualifications q ON q.id = v.qualification_id WHERE q.centre_id = @centreId)::int AS versions,
               (SELECT count(*) FROM enrolments WHERE centre_id = @centreId)::int AS enrolments,
               (SELECT count(*) FROM enrolments WHERE centre_id = @centreId AND assessor_id IS NULL)::int AS unassigned
        """;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        Totals = await conn.QuerySingleAsync<Counts>(new CommandDefinition(CountsSql, new { centreId = User.Person().CentreId }, cancellationToken: ct));
        Backups = await backups.StatusAsync(ct);
    }
}
