using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Lists;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.People;

/// <summary>The centre's people, a page at a time: searchable by name or email, filtered by role and status, sorted.</summary>
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
        public int Matching { get; init; }
    }

    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    /// <summary>"active", "inactive" or empty for both.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    /// <summary>"name" (the default) or "email".</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }

    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, Paging.DefaultPageSize, 0);

    const string PeopleSql = """
        SELECT id, display_name, email, roles, active, count(*) OVER ()::int AS matching FROM people
        WHERE centre_id = @centreId
          AND (@nameLike::text IS NULL OR display_name ILIKE @nameLike OR email ILIKE @nameLike)
          AND (@role::text IS NULL OR @role = ANY(roles))
          AND (@active::boolean IS NULL OR active = @active)
        """;

    const string ByName = "ORDER BY active DESC, display_name, email LIMIT @take OFFSET @skip";
    const string ByEmail = "ORDER BY email LIMIT @take OFFSET @skip";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var sql = $"{PeopleSql} {(Sort == "email" ? ByEmail : ByName)}";
        var role = Role is { } r && global::Portfolio.People.Role.IsKnown(r) ? Role : null;
        bool? active = Status switch { "active" => true, "inactive" => false, _ => null };
        await using var conn = await db.OpenConnectionAsync(ct);
        (People, Paging) = await Paging.ReadAsync(PageNumber, Paging.DefaultPageSize, async p =>
            (IReadOnlyList<PersonRow>)(await conn.QueryAsync<PersonRow>(new CommandDefinition(sql, new
            {
                centreId = User.Person().CentreId, nameLike = NameSearch.Pattern(Name), role, active, take = p.Take, skip = p.Skip,
            }, cancellationToken: ct))).ToList(), r => r.Matching);
    }

    /// <summary>This list's address sorted another way, keeping the search and filters (back to page 1).</summary>
    public string SortedBy(string sort) =>
        $"{Request.Path}?Name={Uri.EscapeDataString(Name ?? "")}&Role={Role}&Status={Status}&Sort={sort}";
}
