using Portfolio.Export;
using Portfolio.Hours;
using Portfolio.Tests.Export;

namespace Portfolio.Tests.Hours;

public sealed class HoursWorkbooksTests
{
    static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void The_log_workbook_is_valid_keeps_formulas_out_and_says_why_an_entry_does_not_count()
    {
        var plan = new LearningPlan
        {
            EnrolmentId = 1, CandidateName = "Amira Hussain", QualificationCode = "PCG", QualificationHours = 100,
            StartDate = new DateTime(2026, 1, 1), PlannedEndDate = new DateTime(2026, 12, 31), WeeklyHours = 30,
            Version = 5, LoggedMinutes = 60,
        };
        HoursEntry[] entries =
        [
            new() { ActivityDate = new DateTime(2026, 2, 1), Minutes = 60, Category = "mentoring", Counts = true,
                Learned = "=1+1", Status = "confirmed" },
            new() { ActivityDate = new DateTime(2026, 2, 2), Minutes = 30, Category = "assessment",
                Learned = "Observed", Status = "logged" },
        ];
        using var output = new MemoryStream();

        HoursWorkbooks.WriteLog(plan, entries, Today, output);

        using var book = WorkbookCheck.Open(output);
        var log = book.Worksheet("Log");
        WorkbookCheck.AssertNoFormulas(log);
        Assert.Equal("=1+1", log.Cell(3, 6).GetString().TrimStart('\''));
        Assert.StartsWith("assessment checks what has been learned", log.Cell(4, 5).GetString(),
            StringComparison.Ordinal);
        Assert.Equal(1.0, log.Cell(3, 2).GetDouble());
    }

    [Fact]
    public void The_cohort_workbook_gives_each_candidate_planned_actual_expected_and_gap()
    {
        CohortHoursRow[] rows =
        [
            new() { CandidateName = "Tom Kowalski", HoursRequired = 200, StartDate = new DateTime(2026, 1, 1),
                PlannedEndDate = new DateTime(2026, 1, 1).AddDays(200), LoggedMinutes = 60 * 60 },
            new() { CandidateName = "No plan yet", HoursRequired = 200 },
        ];
        using var output = new MemoryStream();

        HoursWorkbooks.WriteCohort(rows, "Learning hours: PCG", Today, output);

        using var book = WorkbookCheck.Open(output);
        var sheet = book.Worksheet("Learning hours");
        Assert.Equal(151.0, sheet.Cell(3, 10).GetDouble());
        Assert.Equal(-91.0, sheet.Cell(3, 11).GetDouble());
        Assert.Equal("Behind", sheet.Cell(3, 12).GetString());
        Assert.Equal("No plan yet", sheet.Cell(4, 12).GetString());
    }
}
