using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.Quality;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.Verify;

public sealed class SampleTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>
    /// Assessor A (new) returned an action plan on 1.1 and a reflective account on 2.1; assessor B returned two progress
    /// reviews on 1.2 and signed element 1.2 off.
    /// </summary>
    async Task<(EnrolledCandidate A, EnrolledCandidate B)> TwoAssessorsAsync()
    {
        var a = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, a, EvidenceKind.ActionPlan, "The client chose three steps.", "1.1.1", "1.1.2");
        await QualitySteps.ReturnedAsync(app, a, EvidenceKind.ReflectiveAccount, "I noticed I led too much.", "2.1.1");
        var b = await QualitySteps.AnotherCandidateAsync(app, a);
        await QualitySteps.ReturnedAsync(app, b, EvidenceKind.ProgressReview, "We reviewed the first step.", "1.2.1", "1.2.2");
        await QualitySteps.ReturnedAsync(app, b, EvidenceKind.ProgressReview, "We reviewed the later steps.", "1.2.3", "1.2.4");
        var element = await app.ScalarAsync<long>("SELECT id FROM rubric_elements WHERE rubric_version_id = @v AND code = '1.2'", new { v = a.VersionId });
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(app.DataSource).SignOffAsync(b.CentreId, b.Assessor.Id, b.EnrolmentId, element));
        return (a, b);
    }

    [Fact]
    public async Task The_proposal_meets_the_plan_is_the_same_each_time_and_accepting_it_samples_those_decisions()
    {
        var (a, b) = await TwoAssessorsAsync();
        var iqa = await app.SignedInAsync(a.Iqa);
        var plan = await Html.GetAsync(iqa, "/Verify/Plan");
        var row = plan.QuerySelector($"#plan-rows tr[data-assessor='{a.Assessor.Id}'] select")!.GetAttribute("name")!;
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(iqa, plan.QuerySelector<IHtmlFormElement>("#plan-form")!,
            new() { [row] = "new", [row.Replace("Status", "Rate", StringComparison.Ordinal)] = "" })).StatusCode);

        var first = await Html.GetAsync(iqa, "/Verify/Sample");
        Assert.Empty(first.QuerySelectorAll("[data-decision]"));
        Assert.Equal("gap", first.QuerySelector($"#coverage-now tr[data-assessor='{b.Assessor.Id}'] td[data-element='1.2']")!.GetAttribute("data-level"));

        var page = await ProposeAsync(iqa, first);

        var proposed = page.QuerySelectorAll("[data-proposed='true']").Select(d => d.GetAttribute("data-decision")).ToList();
        Assert.Equal(4, proposed.Count); // A: both at 100 %; B: one review (25 %, rounded up) and the sign-off (summative).
        Assert.Contains(proposed, k => k!.StartsWith("signoff:", StringComparison.Ordinal));
        Assert.Equal(proposed, (await ProposeAsync(iqa, first)).QuerySelectorAll("[data-proposed='true']").Select(d => d.GetAttribute("data-decision")));
        Assert.Contains("2 of 3 (67 %)", page.QuerySelector($"#coverage-proposed tr[data-assessor='{b.Assessor.Id}'] td[data-element='1.2']")!.TextContent);

        var accepted = await Html.SubmitAsync(iqa, page.QuerySelector<IHtmlFormElement>("#sample-form")!);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(4, await app.ScalarAsync<int>("SELECT count(*)::int FROM qa_samples WHERE centre_id = @c", new { c = a.CentreId }));
        Assert.Equal(100, await app.ScalarAsync<int>("SELECT rate_percent FROM sampling_plan_assessors WHERE assessor_id = @id", new { id = a.Assessor.Id }));
        var after = await Html.GetAsync(iqa, "/Verify/Sample");
        Assert.Empty(after.QuerySelectorAll("#coverage-now td[data-level='gap']"));
        Assert.Equal(4, await app.ScalarAsync<int>("SELECT count(*)::int FROM audit_events WHERE action = 'qa-sample.taken' AND centre_id = @c", new { c = a.CentreId }));
    }

    static async Task<IHtmlDocument> ProposeAsync(HttpClient iqa, IHtmlDocument page, string? size = null)
    {
        var response = await Html.SubmitAsync(iqa, page.QuerySelector<IHtmlFormElement>("#propose-form")!,
            size is null ? null : new() { ["Input.Size"] = size });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    [Fact]
    public async Task A_proposal_asked_for_in_a_small_batch_takes_the_decisions_that_cover_most_first()
    {
        var (a, b) = await TwoAssessorsAsync();
        var iqa = await app.SignedInAsync(a.Iqa);

        var page = await ProposeAsync(iqa, await Html.GetAsync(iqa, "/Verify/Sample"), size: "2");

        var proposed = page.QuerySelectorAll("[data-proposed='true']").ToList();
        Assert.Equal(2, proposed.Count);
        // The oldest decision of each assessor: each covers an assessor, a candidate, a kind and an element not yet covered.
        Assert.Equal(new[] { a.Assessor.Id, b.Assessor.Id }.Order(), proposed.Select(p => long.Parse(p.GetAttribute("data-assessor")!, CultureInfo.InvariantCulture)).Order());
        Assert.Equal("2", page.QuerySelector<IHtmlInputElement>("#sample-form input[name='Input.Size']")!.Value);
    }

    [Fact]
    public async Task A_candidate_with_nothing_sampled_is_proposed_before_an_older_decision_of_one_already_sampled()
    {
        var a = await app.EnrolledCandidateAsync();
        var store = QualitySteps.Store(app);
        var qualificationId = await QualitySteps.QualificationIdAsync(app, a);
        await QualitySteps.ReturnedAsync(app, a, EvidenceKind.ActionPlan, "Three steps agreed.", "1.1.1");
        await QualitySteps.SampleAllAsync(app, a);
        await QualitySteps.ReturnedAsync(app, a, EvidenceKind.ProgressReview, "The steps were reviewed.", "1.2.1");
        var unsampled = await QualitySteps.AnotherCandidateAsync(app, a, a.Assessor);
        await QualitySteps.ReturnedAsync(app, unsampled, EvidenceKind.ProgressReview, "We looked at goals.", "1.2.1");
        var iqa = await app.SignedInAsync(a.Iqa);

        var page = await ProposeAsync(iqa, await Html.GetAsync(iqa, "/Verify/Sample"), size: "1");

        // Both reviews cover the kind and the element; only the newer one covers a candidate too.
        var plan = (await store.PlanAsync(a.CentreId, qualificationId))!;
        var every = await store.DecisionsAsync(a.CentreId, qualificationId);
        var expected = SampleProposal.Propose(every, plan).Take(1).ToList();
        Assert.Equal(unsampled.Candidate.Id, expected.Single().CandidateId);
        var proposed = page.QuerySelectorAll("[data-proposed='true']").Single();
        Assert.Equal(expected.Single().Key.ToString(), proposed.GetAttribute("data-decision"));
        Assert.Contains($"for {unsampled.Candidate.DisplayName}:", proposed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposing_more_than_a_hundred_at_once_is_refused_with_a_message()
    {
        var (a, _) = await TwoAssessorsAsync();
        var iqa = await app.SignedInAsync(a.Iqa);

        var page = await ProposeAsync(iqa, await Html.GetAsync(iqa, "/Verify/Sample"), size: "500");

        Assert.Contains("between 1 and 100", Html.Errors(page).Single());
        Assert.Empty(page.QuerySelectorAll("[data-decision]"));
    }

    [Fact]
    public async Task A_rate_out_of_range_is_refused_with_a_message()
    {
        var (a, _) = await TwoAssessorsAsync();
        var iqa = await app.SignedInAsync(a.Iqa);
        var plan = await Html.GetAsync(iqa, "/Verify/Plan");
        var rate = plan.QuerySelector("#plan-rows input[type='number']")!.GetAttribute("name")!;

        var response = await Html.SubmitAsync(iqa, plan.QuerySelector<IHtmlFormElement>("#plan-form")!, new() { [rate] = "150" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("between 1 and 100", Html.Errors(await Html.ParseAsync(response)).Single());
    }

    [Fact]
    public async Task Choosing_nothing_to_sample_is_refused()
    {
        var (a, _) = await TwoAssessorsAsync();
        var iqa = await app.SignedInAsync(a.Iqa);
        var page = await ProposeAsync(iqa, await Html.GetAsync(iqa, "/Verify/Sample"));
        foreach (var box in page.QuerySelectorAll<IHtmlInputElement>("#sample-form input[type='checkbox']"))
        {
            box.IsChecked = false;
        }

        var response = await Html.SubmitAsync(iqa, page.QuerySelector<IHtmlFormElement>("#sample-form")!);

        Assert.Contains("at least one decision", Html.Errors(await Html.ParseAsync(response)).Single());
    }

    [Fact]
    public async Task Another_centres_qualification_and_samples_are_not_found()
    {
        var (a, _) = await TwoAssessorsAsync();
        var ids = await QualitySteps.SampleAllAsync(app, a);
        var elsewhere = await app.EnrolledCandidateAsync(await app.CentreAsync("Elsewhere"));
        var stranger = await app.SignedInAsync(elsewhere.Iqa);
        var qualificationId = await QualitySteps.QualificationIdAsync(app, a);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Verify/Plan?qualificationId={qualificationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Verify/Sample?qualificationId={qualificationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Verify/SampleRecord?id={ids[0]}")).StatusCode);
        Assert.Empty((await Html.GetAsync(stranger, "/Verify/Report")).QuerySelectorAll("#samples tr[data-sample]"));
    }
}
