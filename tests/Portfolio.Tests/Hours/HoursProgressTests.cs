using Portfolio.Hours;

namespace Portfolio.Tests.Hours;

public sealed class HoursProgressTests
{
    static readonly DateOnly Start = new(2026, 1, 1);

    static HoursProgress Halfway(long loggedMinutes) =>
        HoursProgress.Of(200, Start, Start.AddDays(100), loggedMinutes, 0, 0, Start.AddDays(50));

    [Fact]
    public void Hours_expected_grow_evenly_from_the_start_to_the_planned_end()
    {
        Assert.Equal(100m, Halfway(0).ExpectedHours);
        Assert.Equal(0m, HoursProgress.Of(200, Start, Start.AddDays(100), 0, 0, 0, Start.AddDays(-5)).ExpectedHours);
        Assert.Equal(200m, HoursProgress.Of(200, Start, Start.AddDays(100), 0, 0, 0, Start.AddDays(400)).ExpectedHours);
    }

    [Theory]
    [InlineData(100 * 60, HoursPace.OnTrack)]
    [InlineData(91 * 60, HoursPace.OnTrack)]
    [InlineData(89 * 60, HoursPace.Behind)]
    [InlineData(111 * 60, HoursPace.Ahead)]
    public void The_pace_allows_a_tenth_of_the_expected_hours_either_side(long minutes, HoursPace pace) =>
        Assert.Equal(pace, Halfway(minutes).Pace);

    [Fact]
    public void Without_hours_or_dates_there_is_no_pace_to_show()
    {
        Assert.Equal(HoursPace.NoPlan, HoursProgress.Of(null, Start, Start.AddDays(10), 60, 0, 0, Start).Pace);
        Assert.Equal(HoursPace.NoPlan, HoursProgress.Of(100, null, null, 60, 0, 0, Start).Pace);
    }

    [Theory]
    [InlineData("2026-01-02", "1.5", "shadowing", "Notes", null)]
    [InlineData("2026-01-04", "1", "shadowing", "Notes", "Date")]
    [InlineData("2026-01-02", "24.5", "shadowing", "Notes", "Hours")]
    [InlineData("2026-01-02", "0", "shadowing", "Notes", "Hours")]
    [InlineData("2026-01-02", "79228162514264337593543950335", "shadowing", "Notes", "Hours")]
    [InlineData("2026-01-02", "-79228162514264337593543950335", "shadowing", "Notes", "Hours")]
    [InlineData("2026-01-02", "1", "sleeping", "Notes", "Category")]
    [InlineData("2026-01-02", "1", "mentoring", " ", "Learned")]
    public void An_entry_is_checked_for_its_date_duration_category_and_what_was_learned(string date, string hours,
        string category, string learned, string? field)
    {
        var problems = EntryRules.Check(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture), category, learned,
                new DateOnly(2026, 1, 3));

        Assert.Equal(field is null ? [] : [field], problems.Select(p => p.Field));
    }
}
