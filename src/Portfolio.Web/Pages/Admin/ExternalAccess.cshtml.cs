using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Quality;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Admin;

/// <summary>Gives an external quality assurer a window on the centre (everything, or chosen samples), and revokes it early.</summary>
public sealed class ExternalAccessModel(NpgsqlDataSource db, ExternalAccess access, QualityStore quality, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public long? EqaId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
        public string Scope { get; set; } = "samples";
        public List<long> SampleIds { get; set; } = [];
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ExternalAccessGrant> Grants { get; private set; } = [];
    public IEnumerable<SelectListItem> EqaChoices { get; private set; } = [];
    public IEnumerable<SelectListItem> SampleChoices { get; private set; } = [];
    public static IEnumerable<SelectListItem> ScopeChoices => [new("Chosen samples and their candidates", "samples"), new("The whole centre", "centre")];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    const string EqasSql = "SELECT id, display_name FROM people WHERE centre_id = @centreId AND active AND 'eqa' = ANY(roles) ORDER BY display_name";

    async Task LoadAsync(CancellationToken ct)
    {
        var centreId = User.Person().CentreId;
        Grants = await access.GrantsAsync(centreId, ct: ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var eqas = await conn.QueryAsync<(long Id, string DisplayName)>(new CommandDefinition(EqasSql, new { centreId }, cancellationToken: ct));
        EqaChoices = Verify.ReportModel.Choices(eqas).Skip(1).Prepend(new SelectListItem("Choose", "")).ToList();
        QualificationChoices = Verify.ReportModel.Choices((await quality.QualificationsAsync(centreId, ct)).Select(q => (q.Id, q.Code)));
        AssessorChoices = Verify.ReportModel.Choices(await quality.SampledAssessorsAsync(centreId, ct));
        var (listed, paging) = Filter.From > Filter.Until
            ? ([], new Lists.Paging(1, MostListed, 0))
            : await quality.SamplePageAsync(centreId, Filter.ToFilter(), 1, MostListed, ct);
        Matching = paging.Total;
        // Samples chosen before the list was narrowed stay listed (and chosen) when the form comes back.
        var kept = Input.SampleIds.Except(listed.Select(s => s.Id)).Take(MostListed).ToArray();
        if (kept.Length > 0)
        {
            listed = [.. listed, .. (await quality.SamplePageAsync(centreId, new SampleFilter(OnlyIds: kept), 1, MostListed, ct)).Samples];
        }
        SampleChoices = listed
            .Select(s => new SelectListItem($"Sample {s.Id}, {s.SampledAt:d MMM yyyy}: {s.AssessorName} for {s.CandidateName}, {string.Join(", ", s.ElementCodes)} ({s.DecisionType})",
                s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>The most samples listed to choose from at once; a filter finds the others.</summary>
    public const int MostListed = 100;

    /// <summary>Which samples are listed to choose from: by qualification, assessor and the dates they were
    /// taken.</summary>
    [BindProperty(SupportsGet = true)]
    public Verify.ReportModel.FilterModel Filter { get; set; } = new();

    public IEnumerable<SelectListItem> QualificationChoices { get; private set; } = [];
    public IEnumerable<SelectListItem> AssessorChoices { get; private set; } = [];

    /// <summary>How many samples the filter matches.</summary>
    public int Matching { get; private set; }

    public string SampleHint => Matching <= MostListed
        ? $"{Matching:N0} sample{(Matching == 1 ? "" : "s")} match the filter above."
        : $"{Matching:N0} samples match the filter above; the newest {MostListed} are listed. Choose an assessor or dates to find others.";

    /// <summary>The access whose revoking is being confirmed; null on the ordinary page.</summary>
    public ExternalAccessGrant? Revoking { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? revoke, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Now);
        Input = new InputModel { From = today, Until = today.AddDays(14) };
        await LoadAsync(ct);
        if (Filter.From > Filter.Until)
        {
            ModelState.AddModelError("Filter.Until", "The end date must be on or after the start date");
        }
        if (revoke is { } id)
        {
            Revoking = Grants.FirstOrDefault(g => g.Id == id && g.RevokedAt is null && g.EndsAt > Now);
            return Revoking is null ? NotFound() : Page();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Input.EqaId is null)
        {
            ModelState.AddModelError("Input.EqaId", "Choose the external quality assurer");
        }
        if (Input.From is null)
        {
            ModelState.AddModelError("Input.From", "Enter the first day of access");
        }
        if (Input.Until is null)
        {
            ModelState.AddModelError("Input.Until", "Enter the last day of access");
        }
        else if (Input.Until < Input.From || Input.Until < DateOnly.FromDateTime(Now))
        {
            ModelState.AddModelError("Input.Until", "The last day must be today or later, and on or after the first day");
        }
        var whole = Input.Scope == "centre";
        if (!whole && Input.SampleIds.Count == 0)
        {
            ModelState.AddModelError("Input.SampleIds", "Choose the samples to share, or share the whole centre");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = User.Person();
        var (refusal, _) = await access.GrantAsync(person.CentreId, person.Id, Input.EqaId!.Value, Input.From!.Value.ToDateTime(TimeOnly.MinValue),
            Input.Until!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), whole, Input.SampleIds, ct);
        switch (refusal)
        {
            case ExternalAccess.Refusal.NotAnExternalAssessor:
                ModelState.AddModelError("Input.EqaId", "Choose a person of the centre who is an external quality assurer");
                return Page();
            case ExternalAccess.Refusal.UnknownSample:
                ModelState.AddModelError("Input.SampleIds", "Choose samples of this centre");
                return Page();
        }
        TempData["Status"] = $"Access granted from {Input.From:d MMMM yyyy} until the end of {Input.Until:d MMMM yyyy}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long accessId, bool confirmed, CancellationToken ct)
    {
        if (!confirmed)
        {
            return RedirectToPage(new { revoke = accessId });
        }
        var person = User.Person();
        if (await access.RevokeAsync(person.CentreId, person.Id, accessId, ct) == ExternalAccess.Refusal.NotFound)
        {
            return NotFound();
        }
        TempData["Status"] = "Access revoked.";
        return RedirectToPage();
    }
}
