using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;

namespace Portfolio.Tests.Pages.Assess;

/// <summary>Saves of the review form once a review exists: the version the form was opened on is checked in the write.</summary>
public sealed partial class ReviewTests
{
    static Task<HttpResponseMessage> SaveFeedbackAsync(HttpClient client, IHtmlDocument page, string feedback) =>
        Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#judgement-form")!,
            new() { ["Input.Judgements[0].Outcome"] = "met", ["Input.Judgements[0].Feedback"] = feedback }, "#save-judgements");

    [Fact]
    public async Task Two_sessions_saving_the_same_form_version_together_save_once_and_the_other_is_shown_both_versions()
    {
        var (e, id) = await SubmittedAsync();
        var (first, second) = (await app.SignedInAsync(e.Assessor), await app.SignedInAsync(e.Assessor));
        await JudgeAsync(first, id, new() { ["Input.Judgements[0].Outcome"] = "met", ["Input.Judgements[0].Feedback"] = "Opening save." });
        var (firstForm, secondForm) = (await Html.GetAsync(first, $"/Assess/Review?id={id}"), await Html.GetAsync(second, $"/Assess/Review?id={id}"));

        HttpResponseMessage[] responses;
        await using (var held = await HeldRowLock.TakeAsync(app.DataSource, "SELECT 1 FROM evidence_items WHERE id = @id FOR UPDATE", new { id }))
        {
            var saves = Task.WhenAll(SaveFeedbackAsync(first, firstForm, "From the first session."),
                SaveFeedbackAsync(second, secondForm, "From the second session."));
            await held.ReleaseWhenWaitingAsync(2);
            responses = await saves;
        }

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = await Html.ParseAsync(Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK));
        var saved = await app.ScalarAsync<string>("SELECT feedback FROM judgements WHERE item_id = @id", new { id });
        Assert.Contains("Someone else saved judgements", Html.Errors(refused).Single());
        Assert.Contains(saved, refused.QuerySelector("#saved-meanwhile")!.TextContent);
        Assert.NotEqual(saved, refused.QuerySelector("#Input_Judgements_0__Feedback")!.TextContent);
        Assert.Equal(2, await app.ScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE action = 'judgement.recorded' AND subject_id = @id", new { id }));
    }

    [Fact]
    public async Task A_save_from_a_form_opened_before_the_last_save_of_an_existing_review_is_refused()
    {
        var (e, id) = await SubmittedAsync();
        var assessor = await app.SignedInAsync(e.Assessor);
        await JudgeAsync(assessor, id, new() { ["Input.Judgements[0].Outcome"] = "met", ["Input.Judgements[0].Feedback"] = "Opening save." });
        var (firstTab, secondTab) = (await Html.GetAsync(assessor, $"/Assess/Review?id={id}"), await Html.GetAsync(assessor, $"/Assess/Review?id={id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await SaveFeedbackAsync(assessor, firstTab, "Saved first.")).StatusCode);

        var page = await Html.ParseAsync(await SaveFeedbackAsync(assessor, secondTab, "Saved second."));

        Assert.Contains("Someone else saved judgements", Html.Errors(page).Single());
        Assert.Contains("Saved first.", page.QuerySelector("#saved-meanwhile")!.TextContent);
        Assert.Equal("Saved first.", await app.ScalarAsync<string>("SELECT feedback FROM judgements WHERE item_id = @id", new { id }));
    }
}
