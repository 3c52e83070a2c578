using Portfolio.Export;

namespace Portfolio.Quality;

/// <summary>The IQA verification report: one row per sampled decision, as a formatted Excel workbook.</summary>
public static class VerificationReport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static readonly ExportSheet Sheet = new("Verification", "IQA verification report",
    [
        new("Sample"), new("Qualification"), new("Assessor"), new("Candidate"), new("Elements"), new("Method"), new("Decision type"),
        new("Decided"), new("Sampled"), new("IQA outcome"), new("IQA feedback"), new("Actions"), new("Recorded"), new("Acknowledged"), new("Actions completed"),
    ]);

    static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    static ExportValue When(DateTime? utc) => utc is { } t ? ExportValue.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), UkTime)) : ExportValue.Empty;

    public static IEnumerable<IReadOnlyList<ExportValue>> Rows(IEnumerable<SampleRecord> samples) => samples.Select(s => (IReadOnlyList<ExportValue>)
    [
        s.Id, s.QualificationCode, s.AssessorName, s.CandidateName, string.Join(", ", s.ElementCodes), s.Method,
        s.DecisionType == "summative" ? "Summative" : "Interim", When(s.DecidedAt), When(s.SampledAt),
        s.Outcome is null ? "Not yet recorded" : s.Outcome == SampleOutcome.Agree ? "Agree" : "Disagree", s.Feedback ?? "",
        string.Join("\n", s.Actions.Select(a => a.CompletedAt is null ? $"{a.Text} (open)" : $"{a.Text} (done: {a.CompletionNote})")),
        When(s.RecordedAt), When(s.AcknowledgedAt), When(s.AllActionsCompletedAt),
    ]);

    public static void Write(IEnumerable<SampleRecord> samples, Stream stream)
    {
        using var book = new ReportWorkbook();
        book.AddSheet(Sheet, Rows(samples));
        book.SaveTo(stream);
    }

    public static string FileName(DateTime today) => $"verification-report-{today:yyyy-MM-dd}.xlsx";
}
