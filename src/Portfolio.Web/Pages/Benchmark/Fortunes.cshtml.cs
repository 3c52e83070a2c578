using Dapper;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Portfolio.Web.Pages.Benchmark;

/// <summary>
/// The load tests' baseline, after TechEmpower's Fortunes: one query, a dozen rows, Razor, no layout, no sign-in.
/// Routed only in the Benchmark environment (see BenchmarkSupport); everywhere else it is a 404.
/// </summary>
public sealed class FortunesModel(NpgsqlDataSource db) : PageModel
{
    public sealed record Row(long Id, string Code, string Text);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    const string RowsSql = "SELECT id, code, text FROM marking_points ORDER BY id LIMIT 12";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        Rows = (await conn.QueryAsync<Row>(new CommandDefinition(RowsSql, cancellationToken: ct))).ToList();
    }
}
