using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Lists;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin;

/// <summary>Email the centre's people were not sent: refused by the mail server or given up after every retry.</summary>
public sealed class MailModel(NpgsqlDataSource db) : PageModel
{
    public sealed class FailedRow
    {
        public long Id { get; init; }
        public string ToName { get; init; } = "";
        public string ToAddress { get; init; } = "";
        public string Subject { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime FailedAt { get; init; }
        public int Attempts { get; init; }
        public string LastError { get; init; } = "";
        public int Matching { get; init; }
    }

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    public IReadOnlyList<FailedRow> Failed { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, Paging.DefaultPageSize, 0);
    public int Waiting { get; private set; }

    const string FailedSql = """
        SELECT id, to_name, to_address, subject, created_at, failed_at, attempts, coalesce(last_error, '') AS last_error,
               count(*) OVER ()::int AS matching
        FROM outbound_mail
        WHERE centre_id = @centreId AND failed_at IS NOT NULL
        ORDER BY failed_at DESC, id DESC
        LIMIT @take OFFSET @skip
        """;

    const string WaitingSql = """
        SELECT count(*)::int FROM outbound_mail WHERE centre_id = @centreId AND sent_at IS NULL AND failed_at IS NULL
        """;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        await using var conn = await db.OpenConnectionAsync(ct);
        Waiting = await conn.ExecuteScalarAsync<int>(new CommandDefinition(WaitingSql, new { centreId }, cancellationToken: ct));
        (Failed, Paging) = await Paging.ReadAsync(PageNumber, Paging.DefaultPageSize, async p =>
            (IReadOnlyList<FailedRow>)(await conn.QueryAsync<FailedRow>(new CommandDefinition(FailedSql,
                new { centreId, take = p.Take, skip = p.Skip }, cancellationToken: ct))).ToList(), r => r.Matching);
    }

    const string RetrySql = """
        UPDATE outbound_mail SET failed_at = NULL, attempts = 0, next_attempt_at = now()
        WHERE id = @id AND centre_id = @centreId AND failed_at IS NOT NULL
        RETURNING to_address
        """;

    /// <summary>Sends a failed message again (after the address or the mail server has been put right).</summary>
    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var admin = User.Person();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var to = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(RetrySql, new { id, centreId = admin.CentreId },
            tx, cancellationToken: ct));
        if (to is null)
        {
            return NotFound();
        }
        await AuditTrail.WriteAsync(conn, new AuditEvent("mail.retried", admin.CentreId, admin.Id, "outbound_mail", id), tx, ct);
        await tx.CommitAsync(ct);
        TempData["Status"] = $"The message to {to} will be sent again.";
        return RedirectToPage();
    }
}
