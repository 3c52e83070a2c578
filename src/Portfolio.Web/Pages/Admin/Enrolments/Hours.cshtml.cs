using Portfolio.Hours;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Admin.Enrolments;

/// <summary>The administrator sets an enrolment's learning-hours plan.</summary>
public sealed class HoursModel(HoursStore hours) : HoursPlanPage(hours)
{
    protected override HoursRole Role => HoursRole.Administrator;

    public override string ReturnUrl(long enrolmentId) => $"/Admin/Enrolments/Hours?enrolmentId={enrolmentId}";
}
