using Portfolio.Hours;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Assess;

/// <summary>The assessor sets the learning-hours plan of one of their candidates.</summary>
public sealed class HoursPlanModel(HoursStore hours) : HoursPlanPage(hours)
{
    protected override HoursRole Role => HoursRole.Assessor;

    public override string ReturnUrl(long enrolmentId) => $"/Assess/Hours?enrolmentId={enrolmentId}";
}
