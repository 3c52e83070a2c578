namespace Portfolio.Hours;

/// <summary>A problem with one field of an entry: the field's name (Date, Hours, Category, Learned) and the
/// message.</summary>
public sealed record EntryProblem(string Field, string Message);

/// <summary>
/// The rules an activity must meet before it is saved, shared by the log form and the CSV import: a date not in the
/// future, a duration a day can hold, a known category, and what was learned.
/// </summary>
public static class EntryRules
{
    public const int LearnedMaxLength = 2000;

    /// <summary>Whole minutes from hours typed as a decimal (1.5 is 90 minutes).</summary>
    public static int Minutes(decimal hours) => (int)Math.Round(hours * 60, MidpointRounding.AwayFromZero);

    public static IReadOnlyList<EntryProblem> Check(DateOnly? date, decimal? hours, string? category, string? learned,
        DateOnly today)
    {
        var problems = new List<EntryProblem>();
        if (date is not { } d)
        {
            problems.Add(new("Date", "Enter the date of the activity"));
        }
        else if (d > today)
        {
            problems.Add(new("Date", $"The date cannot be in the future: log an activity on or after the day it happens"
                + $" (today is {today:d MMMM yyyy})"));
        }
        if (hours is not { } h)
        {
            problems.Add(new("Hours", "Enter how long the activity took, in hours, for example 1.5"));
        }
        else if (h <= 0 || Minutes(Math.Min(h, 24)) < 1)
        {
            problems.Add(new("Hours", "The time must be more than zero"));
        }
        else if (h > 24 || Minutes(h) > HoursStore.MinutesInADay)
        {
            problems.Add(new("Hours", "A day holds at most 24 hours: log a longer activity day by day"));
        }
        if (HoursCategories.Find(category) is null)
        {
            problems.Add(new("Category", "Choose the kind of activity"));
        }
        if (string.IsNullOrWhiteSpace(learned))
        {
            problems.Add(new("Learned", "Say what you learned"));
        }
        else if (learned.Length > LearnedMaxLength)
        {
            problems.Add(new("Learned", $"Say what you learned in at most {LearnedMaxLength:N0} characters"));
        }
        return problems;
    }

    /// <summary>The message when the day's entries would pass 24 hours.</summary>
    public static string DayFull(DateOnly date, int alreadyLogged) =>
        $"{date:d MMMM yyyy} already has {HoursProgress.Hours(alreadyLogged)} hours logged: with this activity the day"
        + " would hold more than 24 hours";
}
