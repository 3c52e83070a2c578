using Portfolio.Export;

namespace Portfolio.Hours;

/// <summary>Learning hours as workbooks, through the streaming writer: a candidate's log, and a cohort's
/// hours.</summary>
public static class HoursWorkbooks
{
    static readonly ExportColumn[] LogColumns =
    [
        new("Date", 12), new("Hours", 8), new("Category", 26), new("Counts", 8), new("Why it does not count", 40),
        new("What was learned", 60), new("Evidence items", 30), new("Marking points", 20), new("Status", 12),
        new("Assessor's comment", 40),
    ];

    /// <summary>The candidate's log, oldest first, and a summary sheet of the plan and the figures.</summary>
    public static void WriteLog(LearningPlan plan, IEnumerable<HoursEntry> entries, DateOnly today, Stream output)
    {
        using var workbook = new StreamingWorkbook(output);
        workbook.AddSheet(new ExportSheet("Log", $"Learning hours: {plan.CandidateName}, {plan.QualificationCode}",
            LogColumns), entries.Select(e => (IReadOnlyList<ExportValue>)
            [
                ExportValue.FromDate(e.Date), (double)HoursProgress.Hours(e.Minutes), e.Kind?.Label ?? e.Category,
                e.Counts ? "Yes" : "No", e.Kind?.NotCountedBecause ?? "", e.Learned,
                string.Join(", ", e.ItemIds), string.Join(", ", e.PointCodes), EntryStatus.Label(e.Status),
                    e.Comment ?? "",
            ]));
        var p = plan.Progress(today);
        workbook.AddSheet(new ExportSheet("Summary", null, [new("Figure", 34), new("Value", 40)]),
        [
            ["Hours required", p.RequiredHours is { } r ? (double)r : "No plan yet"],
            ["Prior learning (hours taken off)", plan.PriorLearningHours],
            ["Reason for the reduction", plan.PriorLearningReason ?? ""],
            ["Start", plan.Start is { } s ? ExportValue.FromDate(s) : ""],
            ["Planned end", plan.PlannedEnd is { } end ? ExportValue.FromDate(end) : ""],
            ["Hours logged that count", (double)p.LoggedHours],
            ["Hours confirmed", (double)p.ConfirmedHours],
            ["Hours logged that do not count", (double)p.NotCountedHours],
            [$"Hours expected by {today:d MMMM yyyy}", (double)p.ExpectedHours],
            ["Pace", p.PaceLabel],
        ]);
        workbook.Finish();
    }

    static readonly ExportColumn[] CohortColumns =
    [
        new("Candidate", 28), new("Assessor", 24), new("Hours required", 10), new("Prior learning taken off", 12),
        new("Start", 12), new("Planned end", 12), new("Logged (counting)", 12), new("Confirmed", 11),
        new("Not counted", 11), new("Expected by today", 12), new("Gap (logged - expected)", 14), new("Pace", 12),
    ];

    /// <summary>A cohort's hours: planned, actual, expected by today and the gap, one candidate a row.</summary>
    public static void WriteCohort(IEnumerable<CohortHoursRow> rows, string title, DateOnly today, Stream output)
    {
        using var workbook = new StreamingWorkbook(output);
        workbook.AddSheet(new ExportSheet("Learning hours", $"{title} (expected by {today:d MMMM yyyy})",
            CohortColumns),
            rows.Select(r =>
            {
                var p = r.Progress(today);
                var planned = p.Pace != HoursPace.NoPlan;
                return (IReadOnlyList<ExportValue>)
                [
                    r.CandidateName, r.AssessorName ?? "", p.RequiredHours is { } req ? (double)req : "",
                    r.PriorLearningHours, r.StartDate is { } s ? DateOnly.FromDateTime(s) : "",
                    r.PlannedEndDate is { } e ? DateOnly.FromDateTime(e) : "", (double)p.LoggedHours,
                    (double)p.ConfirmedHours, (double)p.NotCountedHours, planned ? (double)p.ExpectedHours : "",
                    planned ? (double)p.Gap : "", p.PaceLabel,
                ];
            }));
        workbook.Finish();
    }
}
