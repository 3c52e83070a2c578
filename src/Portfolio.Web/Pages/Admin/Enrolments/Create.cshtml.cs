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

    public IReadOnlyList<SelectListItem> Candidates { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Versions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Assessors { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Iqas { get; private set; } = [];

    const string PeopleSql = "SELECT id, display_name, email, roles, active FROM people WHERE centre_id = @centreId AND active ORDER BY display_name, email";

    async Task LoadChoicesAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        await using var conn = await db.OpenConnectionAsync(ct);
        var people = (await conn.QueryAsync<People.IndexModel.PersonRow>(new CommandDefinition(PeopleSql, new { centreId }, cancellationToken: ct))).ToList();
        List<SelectListItem> Holding(string role, string none) =>
            [new(none, ""), .. people.Where(p => p.Roles.Contains(role)).Select(p => new SelectListItem($"{p.DisplayName} ({p.Email})", Id(p.Id)))];
        Candidates = Holding(Role.Candidate, "Choose a candidate");
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
