using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Hours;
using Portfolio.Web.Account;

namespace Portfolio.Web.Pages.Shared;

/// <summary>
/// The learning-hours plan form of one enrolment, for an administrator (any enrolment of the centre) or the
/// enrolment's assessor: hours required, dates, contracted weekly hours, and a prior-learning reduction with reason.
/// </summary>
public abstract class HoursPlanPage(HoursStore hours) : PageModel
{
    public sealed class InputModel
    {
        public int? RequiredHours { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? PlannedEndDate { get; set; }
        public decimal? WeeklyHours { get; set; }
        public int? PriorLearningHours { get; set; }
        public string? PriorLearningReason { get; set; }
        public long Version { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public LearningPlan Plan { get; private set; } = null!;

    /// <summary>After a refused save: the plan as saved now is shown beside what was typed.</summary>
    public bool ShowCurrent { get; private set; }

    protected abstract HoursRole Role { get; }

    /// <summary>Where the page returns to after a save.</summary>
    public abstract string ReturnUrl(long enrolmentId);

    HoursViewer Viewer => new(User.Person().CentreId, User.Person().Id, Role);

    public async Task<IActionResult> OnGetAsync(long enrolmentId, CancellationToken ct)
    {
        if (await hours.PlanAsync(Viewer, enrolmentId, ct) is not { } plan)
        {
            return NotFound();
        }
        Plan = plan;
        Input = new InputModel
        {
            RequiredHours = plan.RequiredHours, StartDate = plan.Start, PlannedEndDate = plan.PlannedEnd,
            WeeklyHours = plan.WeeklyHours, PriorLearningHours = plan.PriorLearningHours,
            PriorLearningReason = plan.PriorLearningReason, Version = plan.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long enrolmentId, CancellationToken ct)
    {
        if (await hours.PlanAsync(Viewer, enrolmentId, ct) is not { } plan)
        {
            return NotFound();
        }
        Plan = plan;
        Check(plan);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var input = new PlanInput(Input.RequiredHours, Input.StartDate!.Value, Input.PlannedEndDate!.Value,
            Input.WeeklyHours!.Value, Input.PriorLearningHours ?? 0, Input.PriorLearningReason);
        switch (await hours.SavePlanAsync(Viewer, enrolmentId, Input.Version, input, ct))
        {
            case HoursRefusal.NotFound:
                return NotFound();
            case HoursRefusal.Stale:
                ModelState.AddModelError("Input.RequiredHours", "Someone else saved this plan meanwhile (shown below):"
                    + " check it against yours, then save again to replace it");
                Input.Version = plan.Version;
                ShowCurrent = true;
                return Page();
        }
        TempData["Status"] = $"The learning-hours plan of {plan.CandidateName} has been saved.";
        return Redirect(ReturnUrl(enrolmentId));
    }

    void Check(LearningPlan plan)
    {
        if (Input.RequiredHours is null && plan.QualificationHours is null)
        {
            ModelState.AddModelError("Input.RequiredHours",
                $"Enter the hours required: {plan.QualificationCode}'s rubric names none");
        }
        else if (Input.RequiredHours is < 1 or > 10_000)
        {
            ModelState.AddModelError("Input.RequiredHours",
                "Enter the hours required as a whole number from 1 to 10,000");
        }
        if (Input.StartDate is null)
        {
            ModelState.AddModelError("Input.StartDate", "Enter the start date");
        }
        if (Input.PlannedEndDate is null)
        {
            ModelState.AddModelError("Input.PlannedEndDate", "Enter the planned end date");
        }
        else if (Input.StartDate is { } start && Input.PlannedEndDate <= start)
        {
            ModelState.AddModelError("Input.PlannedEndDate", "The planned end date must be after the start date");
        }
        if (Input.WeeklyHours is not { } weekly || weekly <= 0 || weekly > 80)
        {
            ModelState.AddModelError("Input.WeeklyHours",
                "Enter the contracted hours a week, more than 0 and at most 80");
        }
        var before = Input.RequiredHours ?? plan.QualificationHours ?? 0;
        if (Input.PriorLearningHours is < 0 || Input.PriorLearningHours > before)
        {
            ModelState.AddModelError("Input.PriorLearningHours",
                $"Prior learning can take off from 0 to {before} hours (the hours required)");
        }
        else if (Input.PriorLearningHours > 0 && string.IsNullOrWhiteSpace(Input.PriorLearningReason))
        {
            ModelState.AddModelError("Input.PriorLearningReason",
                "Give the reason for the reduction: the prior learning recognised and how it was checked");
        }
    }
}
