using AngleSharp.Dom;
using System.Globalization;
using AngleSharp.Html.Dom;
using Portfolio.Hours;

namespace Portfolio.Tests.Pages;

/// <summary>Arrange and act steps shared by the learning-hours page tests.</summary>
public static class HoursSteps
{
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Fills and submits the candidate's log form (a new entry, or the entry with the id).</summary>
    public static async Task<HttpResponseMessage> LogAsync(HttpClient candidate, DateOnly date, string hours,
        string category = "shadowing", string learned = "How an adviser opens a first guidance interview.",
            long? id = null)
    {
        var page = await Html.GetAsync(candidate,
            id is null ? "/Portfolio/Hours/Entry" : $"/Portfolio/Hours/Entry?id={id}");
        return await Html.SubmitAsync(candidate, page.QuerySelector<IHtmlFormElement>("#entry-form")!, new()
        {
            ["Input.Date"] = Day(date), ["Input.Hours"] = hours, ["Input.Category"] = category,
                ["Input.Learned"] = learned,
        }, "#save");
    }

    /// <summary>An entry written through the store, as the candidate would.</summary>
    public static async Task<long> EntryAsync(TestDatabase db, EnrolledCandidate e, DateOnly date, int minutes,
        string category = "mentoring")
    {
        var store = new HoursStore(db.DataSource);
        var viewer = new HoursViewer(e.CentreId, e.Candidate.Id, HoursRole.Candidate);
        var (refusal, _) = await store.SaveEntryAsync(viewer, e.EnrolmentId, null, 0,
            new EntryInput(date, minutes, category, "Notes on a mentoring session.", [], []));
        Assert.Equal(HoursRefusal.None, refusal);
        return await db.ScalarAsync<long>("SELECT max(id) FROM learning_hours WHERE enrolment_id = @id",
            new { id = e.EnrolmentId });
    }

    public static Task<T> TotalAsync<T>(TestDatabase db, EnrolledCandidate e, string column) =>
        db.ScalarAsync<T>($"SELECT {column} FROM learning_hours_totals WHERE enrolment_id = @id",
            new { id = e.EnrolmentId });
}
