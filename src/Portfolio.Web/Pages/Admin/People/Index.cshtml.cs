using Dapper;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.People;

public sealed class IndexModel(NpgsqlDataSource db) : PageModel
{
    // A class, not a positional record: Dapper matches constructors by exact type and text[] arrives otherwise.
    public sealed class PersonRow
    {
        public long Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public string[] Roles { get; init; } = [];
        public bool Active { get; init; }
    }

    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    const string PeopleSql = """
        SELECT id, display_name, email, roles, active FROM people
        WHERE centre_id = @centreId ORDER BY active DESC, display_name, email
        """;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        People = (await conn.QueryAsync<PersonRow>(new CommandDefinition(PeopleSql, new { centreId = User.Person().CentreId }, cancellationToken: ct))).ToList();
    }
}
