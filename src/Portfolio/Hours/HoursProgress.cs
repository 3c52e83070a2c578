namespace Portfolio.Hours;

/// <summary>Where an enrolment's learning hours stand against the hours expected by now.</summary>
public enum HoursPace { NoPlan, OnTrack, Behind, Ahead }

/// <summary>
/// An enrolment's hours: required (after any prior-learning reduction), logged (counting entries not queried),
/// confirmed by the assessor, logged in categories that never count, and expected by the given day, pro rata
/// between the plan's start and planned end. On track means within a tenth of the expected hours (at least one hour)
/// either side.
/// </summary>
public sealed record HoursProgress(decimal? RequiredHours, decimal LoggedHours, decimal ConfirmedHours,
    decimal NotCountedHours, decimal ExpectedHours, HoursPace Pace)
{
    /// <summary>Logged minus expected: negative when behind.</summary>
    public decimal Gap => LoggedHours - ExpectedHours;

    public static HoursProgress Of(int? requiredHours, DateOnly? start, DateOnly? plannedEnd, long loggedMinutes,
        long confirmedMinutes, long notCountedMinutes, DateOnly today)
    {
        var logged = Hours(loggedMinutes);
        var confirmed = Hours(confirmedMinutes);
        var notCounted = Hours(notCountedMinutes);
        if (requiredHours is not { } required || start is not { } from || plannedEnd is not { } to || to <= from)
        {
            return new(requiredHours, logged, confirmed, notCounted, 0, HoursPace.NoPlan);
        }
        var share = Math.Clamp((decimal)(today.DayNumber - from.DayNumber) / (to.DayNumber - from.DayNumber), 0, 1);
        var expected = Tidy(required * share);
        var tolerance = Math.Max(1m, expected / 10);
        var pace = logged < expected - tolerance ? HoursPace.Behind
            : logged > expected + tolerance ? HoursPace.Ahead
            : HoursPace.OnTrack;
        return new(required, logged, confirmed, notCounted, expected, pace);
    }

    /// <summary>Minutes as hours to one decimal place, without a trailing .0 (90 is 1.5, 120 is 2).</summary>
    public static decimal Hours(long minutes) => Tidy(minutes / 60m);

    static decimal Tidy(decimal hours) => Math.Round(hours,
        1) is var r && r == decimal.Truncate(r) ? decimal.Truncate(r) : r;

    /// <summary>What the pace says on a page.</summary>
    public string PaceLabel => Pace switch
    {
        HoursPace.OnTrack => "On track",
        HoursPace.Behind => "Behind",
        HoursPace.Ahead => "Ahead",
        _ => "No plan yet",
    };

    /// <summary>The GOV.UK tag colour for the pace.</summary>
    public string PaceTagClass => Pace switch
    {
        HoursPace.OnTrack => "govuk-tag--green",
        HoursPace.Behind => "govuk-tag--red",
        HoursPace.Ahead => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    /// <summary>Logged hours as a share of those required, for the bar (0–100).</summary>
    public int PercentLogged => Percent(LoggedHours);

    /// <summary>Confirmed hours as a share of those required (0–100).</summary>
    public int PercentConfirmed => Percent(ConfirmedHours);

    /// <summary>Expected hours as a share of those required (0–100): where the marker on the bar sits.</summary>
    public int PercentExpected => Percent(ExpectedHours);

    int Percent(decimal hours) =>
        RequiredHours is decimal r && r > 0 ? (int)Math.Min(100, Math.Round(100 * hours / r)) : 0;
}
