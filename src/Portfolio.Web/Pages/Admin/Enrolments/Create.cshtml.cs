using System.Globalization;
using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Rubrics;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin.Enrolments;

public sealed class CreateModel(NpgsqlDataSource db, RubricStore rubrics, EnrolmentStore enrolments) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a candidate")]
        public long? CandidateId { get; set; }

        [Required(ErrorMessage = "Choose a qualification version")]
        public long? RubricVersionId { get; set; }

        public long? AssessorId { get; set; }
        public long? IqaId { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Part of a candidate's name or email: the candidate list then offers those who match.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Find { get; set; }

    /// <summary>More candidates match than are offered: narrow the search.</summary>
    public bool MoreCandidates { get; private set; }

    public IReadOnlyList<SelectListItem> Candidates { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Versions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Assessors { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Iqas { get; private set; } = [];

    const int Offered = 50;

    // Staff (assessors, IQAs) are few; candidates are thousands: offer those found by name or email, else those not yet
    // enrolled on anything, at most @offered (one more tells the page there are more), and always the one chosen.
    const string PeopleSql = """
        SELECT id, display_name, email, roles, active FROM people
        WHERE centre_id = @centreId AND active AND roles && ARRAY['assessor', 'iqa']
        ORDER BY display_name, email;
        SELECT id, display_name, email, roles, active FROM people p
        WHERE centre_id = @centreId AND active AND 'candidate' = ANY(roles)
          AND (CASE WHEN @nameLike::text IS NULL THEN NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.candidate_id = p.id)
                    ELSE display_name ILIKE @nameLike OR email ILIKE @nameLike END
               OR id = @chosen)
        ORDER BY id = @chosen DESC, display_name, email LIMIT @offered + 1;
        """;

    async Task LoadChoicesAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        await using var conn = await db.OpenConnectionAsync(ct);
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(PeopleSql, new
        {
            centreId, nameLike = global::Portfolio.Lists.NameSearch.Pattern(Find), chosen = Input.CandidateId ?? 0, offered = Offered,
        }, cancellationToken: ct));
        var people = (await grid.ReadAsync<People.IndexModel.PersonRow>()).ToList();
        var candidates = (await grid.ReadAsync<People.IndexModel.PersonRow>()).ToList();
        MoreCandidates = candidates.Count > Offered;
        static List<SelectListItem> Choices(IEnumerable<People.IndexModel.PersonRow> rows, string none) =>
            [new(none, ""), .. rows.Select(p => new SelectListItem($"{p.DisplayName} ({p.Email})", Id(p.Id)))];
        List<SelectListItem> Holding(string role, string none) => Choices(people.Where(p => p.Roles.Contains(role)), none);
        Candidates = Choices(candidates.Take(Offered).OrderBy(p => p.DisplayName).ThenBy(p => p.Email), "Choose a candidate");
        Assessors = Holding(Role.Assessor, "Not yet assigned");
        Iqas = Holding(Role.InternalQualityAssurer, "Not yet assigned");
        Versions = [new("Choose a qualification version", ""), .. (await rubrics.VersionsAsync(centreId, ct: ct))
            .Select(v => new SelectListItem($"{v.Code}: {v.Title}, version {v.Number}", Id(v.Id)))];
    }

    static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var person = User.Person();
            var (id, problems) = await enrolments.EnrolAsync(person.CentreId, person.Id,
                new EnrolmentStore.NewEnrolment(Input.CandidateId!.Value, Input.RubricVersionId!.Value, Input.AssessorId, Input.IqaId), ct);
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError($"Input.{field}", message);
            }
            if (id is not null)
            {
                TempData["Status"] = "The candidate has been enrolled.";
                return RedirectToPage("Index");
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
