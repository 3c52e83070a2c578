using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Rubrics;
using static Portfolio.Tests.Pages.PortfolioArea.WitnessSteps;

namespace Portfolio.Tests.Pages.PortfolioArea;

public sealed class EvidenceWitnessTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Naming_a_witness_emails_them_a_link_without_the_evidence_text_and_shows_the_request_waiting()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await TestimonyAsync(app, e);
        var candidate = await app.SignedInAsync(e.Candidate);

        var response = await AskAsync(candidate, id, "sam.rivers@example.org");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = await app.ScalarAsync<string>("""
            SELECT concat_ws('|', to_name, subject, body, link) FROM outbound_mail WHERE to_address = 'sam.rivers@example.org'
            """);
        Assert.Contains($"{e.Candidate.DisplayName} asks you to confirm a witness testimony", mail, StringComparison.Ordinal);
        Assert.Contains("|/Witness?token=", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("watched Alex", mail, StringComparison.Ordinal);
        var page = await Html.GetAsync(candidate, $"/Portfolio/Evidence/Witness?id={id}");
        Assert.Contains("Waiting for Sam Rivers, Team Leader", page.QuerySelector("#witnesses")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#witness-form"));
        Assert.Equal(32, await app.ScalarAsync<int>("SELECT length(token_hash) FROM witness_requests WHERE item_id = @id", new { id }));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'witness.asked' AND subject_id = @id", new { id }));
    }

    [Fact]
    public async Task A_witness_without_a_name_or_with_a_malformed_or_own_address_re_displays_the_form_and_sends_nothing()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await TestimonyAsync(app, e);
        var candidate = await app.SignedInAsync(e.Candidate);

        var malformed = await Html.ParseAsync(await AskAsync(candidate, id, "sam at example", name: "", jobTitle: ""));
        var own = await Html.ParseAsync(await AskAsync(candidate, id, e.Candidate.Email));

        Assert.Equal(["Enter an email address in the right format, like name@example.com", "Enter the witness's full name",
            "Enter the witness's job title"], Html.Errors(malformed).Order(StringComparer.Ordinal));
        Assert.Equal(["A witness must be someone else: enter their email address, not yours"], Html.Errors(own));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM witness_requests WHERE item_id = @id", new { id }));
    }

    [Fact]
    public async Task Sending_the_link_again_stops_the_old_one_and_withdrawing_stops_the_new_one()
    {
        var e = await app.EnrolledCandidateAsync();
        var (id, email, first) = await AskedAsync(app, e);
        var candidate = await app.SignedInAsync(e.Candidate);
        var requestId = await app.ScalarAsync<long>("SELECT id FROM witness_requests WHERE item_id = @id", new { id });

        var page = await Html.GetAsync(candidate, $"/Portfolio/Evidence/Witness?id={id}");
        await Html.SubmitAsync(candidate, page.QuerySelector<IHtmlFormElement>($"#resend-{requestId}")!);
        var second = await LinkAsync(app, email);
        Assert.Equal("This link is not recognised", await ProblemAsync(app.Client(), first));
        Assert.Equal("(a usable link)", await ProblemAsync(app.Client(), second));

        page = await Html.GetAsync(candidate, $"/Portfolio/Evidence/Witness?id={id}");
        await Html.SubmitAsync(candidate, page.QuerySelector<IHtmlFormElement>($"#withdraw-{requestId}")!);

        Assert.Equal("This link has been withdrawn", await ProblemAsync(app.Client(), second));
        Assert.NotNull((await Html.GetAsync(candidate, $"/Portfolio/Evidence/Witness?id={id}")).QuerySelector("#witness-form"));
    }

    [Fact]
    public async Task Another_candidates_evidence_is_not_found()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await TestimonyAsync(app, e);
        var other = await app.SignedInAsync((await app.EnrolledCandidateAsync(e.CentreId)).Candidate);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Portfolio/Evidence/Witness?id={id}")).StatusCode);
    }

    [Fact]
    public async Task Evidence_the_rubric_wants_witnessed_is_refused_at_submission_until_a_witness_confirms_its_text()
    {
        var centre = await app.CentreAsync();
        var rubric = new Rubrics.RubricBuilder().With("qualification.md", Rubrics.RubricBuilder.QualificationText
            .Replace("units:", "witness_required: [witness testimony]\nunits:", StringComparison.Ordinal)).Files;
        var version = (await new RubricStore(app.DataSource).ImportAsync(centre, null, rubric)).VersionId!.Value;
        var e = await app.EnrolledCandidateAsync(centre, version);
        var (id, _, link) = await AskedAsync(app, e);
        var candidate = await app.SignedInAsync(e.Candidate);
        var declarations = new Dictionary<string, object> { ["Input.Anonymised"] = "true", ["Input.Authentic"] = "true" };

        var refused = await Html.ParseAsync(await Html.SubmitAsync(candidate,
            (await Html.GetAsync(candidate, $"/Portfolio/Evidence/Submit?id={id}")).QuerySelector<IHtmlFormElement>("#submit-form")!, declarations));
        await ConfirmAsync(app.Client(), link);
        var accepted = await Html.SubmitAsync(candidate,
            (await Html.GetAsync(candidate, $"/Portfolio/Evidence/Submit?id={id}")).QuerySelector<IHtmlFormElement>("#submit-form")!, declarations);

        Assert.Contains("Your qualification needs a witness to confirm this evidence before you submit it. "
            + "Ask a witness from the evidence page, and submit once they have confirmed it.", Html.Errors(refused));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM evidence_revisions WHERE item_id = @id AND submitted_at IS NOT NULL", new { id }));
    }
}
