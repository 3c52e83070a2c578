using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Witnesses;
using static Portfolio.Tests.Pages.PortfolioArea.WitnessSteps;

namespace Portfolio.Tests.Pages;

public sealed class WitnessTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task A_witness_reads_the_text_confirms_it_and_the_evidence_shows_who_confirmed_it()
    {
        var e = await app.EnrolledCandidateAsync();
        var (id, _, link) = await AskedAsync(app, e);
        var witness = app.Client();

        var page = await Html.GetAsync(witness, link);
        var response = await ConfirmAsync(witness, link, "Samuel Rivers");

        Assert.Contains(TestimonyText, page.QuerySelector("#witnessed-text")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#evidence-files"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await Html.GetAsync(witness, response.Headers.Location!.OriginalString)).QuerySelector("#answered"));
        var text = await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE item_id = @id", new { id });
        Assert.Equal($"confirmed Samuel Rivers {Portfolio.Audit.AuditText.Sha256(text)} 1", await app.ScalarAsync<string>(
            "SELECT concat_ws(' ', outcome, typed_name, text_sha256, revision_number) FROM witness_requests WHERE item_id = @id", new { id }));
        var line = $"Confirmed by Sam Rivers, Team Leader, {DateTime.UtcNow:d MMMM yyyy}";
        var view = await Html.GetAsync(await app.SignedInAsync(e.Candidate), $"/Portfolio/Evidence/View?id={id}");
        Assert.Contains(line, view.QuerySelector("#witnesses")!.TextContent, StringComparison.Ordinal);
        var store = new EvidenceStore(app.DataSource);
        await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, false);
        var iqa = await Html.GetAsync(await app.SignedInAsync(e.Iqa), $"/Verify/Evidence?id={id}");
        Assert.Contains(line, iqa.QuerySelector("#witnesses")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'witness.confirmed' AND subject_id = @id"
            + " AND after::text NOT LIKE '%watched Alex%'", new { id }));
    }

    [Fact]
    public async Task Confirming_without_a_name_or_the_tick_re_displays_the_form_and_records_nothing()
    {
        var (id, _, link) = await AskedAsync(app, await app.EnrolledCandidateAsync());

        var page = await Html.ParseAsync(await ConfirmAsync(app.Client(), link, " ", sawIt: false));

        Assert.Contains("Type your full name to confirm", Html.Errors(page));
        Assert.Contains("Confirm that you saw the work this describes, or decline below", Html.Errors(page));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM witness_requests WHERE item_id = @id AND answered_at IS NOT NULL", new { id }));
    }

    [Fact]
    public async Task A_witness_declines_with_a_comment_that_the_candidate_and_the_assessor_see()
    {
        var e = await app.EnrolledCandidateAsync();
        var (id, _, link) = await AskedAsync(app, e);
        var witness = app.Client();

        var form = (await Html.GetAsync(witness, link)).QuerySelector<IHtmlFormElement>("#decline-form")!;
        await Html.SubmitAsync(witness, form, new() { ["Input.Comment"] = "I was on leave that week." });

        Assert.Equal("This link has already been used", await ProblemAsync(witness, link));
        var view = await Html.GetAsync(await app.SignedInAsync(e.Candidate), $"/Portfolio/Evidence/Witness?id={id}");
        Assert.Contains("Declined by Sam Rivers", view.QuerySelector("#witnesses")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("I was on leave that week.", view.QuerySelector("#witnesses")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM notifications WHERE person_id = @c AND text LIKE 'Sam Rivers declined%'",
            new { c = e.Candidate.Id }));
    }

    [Fact]
    public async Task Expired_withdrawn_and_tampered_links_answer_a_clear_page_that_shows_nothing_of_the_evidence()
    {
        var e = await app.EnrolledCandidateAsync();
        var (expiredId, _, expired) = await AskedAsync(app, e);
        var (withdrawnId, _, withdrawn) = await AskedAsync(app, e);
        await app.ScalarAsync<int>("UPDATE witness_requests SET expires_at = now() - interval '1 minute' WHERE item_id = @expiredId RETURNING 1", new { expiredId });
        await app.ScalarAsync<int>("UPDATE witness_requests SET withdrawn_at = now() WHERE item_id = @withdrawnId RETURNING 1", new { withdrawnId });
        var witness = app.Client();

        Assert.Equal("This link has expired", await ProblemAsync(witness, expired));
        Assert.Equal("This link has been withdrawn", await ProblemAsync(witness, withdrawn));
        Assert.Equal("This link is not recognised", await ProblemAsync(witness, expired[..^2] + "xy"));
        Assert.Equal("This link is not recognised", await ProblemAsync(witness, "/Witness?token=%00"));
        var page = await Html.GetAsync(witness, expired);
        Assert.DoesNotContain(e.Candidate.DisplayName, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("watched Alex", page.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_the_text_after_a_confirmation_marks_it_as_for_an_earlier_revision_and_offers_to_ask_again()
    {
        var e = await app.EnrolledCandidateAsync();
        var (id, email, link) = await AskedAsync(app, e);
        await ConfirmAsync(app.Client(), link);
        var candidate = await app.SignedInAsync(e.Candidate);

        await EvidenceTestSteps.SaveAsync(candidate, id, new() { ["Input.Content.Notes"] = TestimonyText + " It went well." });

        var page = await Html.GetAsync(candidate, $"/Portfolio/Evidence/Witness?id={id}");
        Assert.Contains("for an earlier revision of the text", page.QuerySelector("#witnesses")!.TextContent, StringComparison.Ordinal);
        var again = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.Id!.StartsWith("ask-again-", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(candidate, again)).StatusCode);
        var fresh = await LinkAsync(app, email);
        Assert.NotEqual(link, fresh);
        Assert.Contains("It went well.", (await Html.GetAsync(app.Client(), fresh)).QuerySelector("#witnessed-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_changed_while_the_witness_was_reading_is_not_confirmed_and_the_new_text_is_shown()
    {
        var e = await app.EnrolledCandidateAsync();
        var (id, _, link) = await AskedAsync(app, e);
        var witness = app.Client();
        var form = (await Html.GetAsync(witness, link)).QuerySelector<IHtmlFormElement>("#confirm-form")!;
        await EvidenceTestSteps.SaveAsync(await app.SignedInAsync(e.Candidate), id, new() { ["Input.Content.Notes"] = "Something else entirely." });

        var page = await Html.ParseAsync(await Html.SubmitAsync(witness, form, new() { ["Input.TypedName"] = "Sam Rivers", ["Input.SawIt"] = "true" }));

        Assert.Contains("The text changed after you opened this page. Read it again below before you answer.", Html.Errors(page));
        Assert.Contains("Something else entirely.", page.QuerySelector("#witnessed-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM witness_requests WHERE item_id = @id AND answered_at IS NOT NULL", new { id }));
    }
}
