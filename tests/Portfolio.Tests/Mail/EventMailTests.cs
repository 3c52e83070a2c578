using System.Net;
using Portfolio.Assessment;
using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Account;
using Portfolio.Tests.Pages.Admin;
using Portfolio.Tests.Pages.PortfolioArea;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Mail;

/// <summary>The site's own emails, read from a real SMTP server: what they say, and that their links work.</summary>
public sealed class EventMailTests(MailingApp app) : IClassFixture<MailingApp>
{
    [Fact]
    public async Task An_invitation_arrives_by_smtp_and_its_link_lets_the_person_choose_a_password_and_sign_in()
    {
        var admin = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.CentreAdministrator));
        var email = $"newcomer{Guid.NewGuid():N}@example.org";

        await PeopleCreateTests.AddAsync(admin, email, [Role.Assessor], "Sam Rivers");

        var mail = (await app.MailToAsync(email)).Single();
        Assert.Equal("You have been invited to Portfolio", mail.Subject);
        Assert.Contains("Hello Sam Rivers", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Northgate Guidance Centre has added you to Portfolio", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("because a centre administrator added this address", mail.HtmlBody, StringComparison.Ordinal);
        var url = mail.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Choose your password: ", StringComparison.Ordinal))
            ["Choose your password: ".Length..];
        Assert.StartsWith("https://portfolio.example/Account/ChoosePassword?token=", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PasswordLinkSteps.ChooseAsync(app.Client(), new Uri(url).PathAndQuery, "copper willow beacon")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), email, "copper willow beacon")).StatusCode);
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => await app.ScalarAsync<string>(
            "SELECT link FROM outbound_mail WHERE to_address = @email", new { email }) == "/Account/ChoosePassword?token=(sent)"));
    }

    [Fact]
    public async Task Submitting_and_returning_evidence_email_the_assessor_and_the_candidate_without_its_title_or_text()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.SubmittedAsync(app, e, "1.1.1");
        var title = await app.ScalarAsync<string>("SELECT title FROM evidence_items WHERE id = @id", new { id });
        var point = await app.PointIdAsync(e.VersionId, "1.1.1");

        await new AssessmentStore(app.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0,
            [new JudgementInput(point, Outcome.NotYet, "Say which goals the client chose.")], [], "Nearly there.", returnToCandidate: true);

        var submitted = (await app.MailToAsync(e.Assessor.Email)).Single();
        Assert.Equal($"{e.Candidate.DisplayName} submitted a document", submitted.Subject);
        Assert.Contains($"https://portfolio.example/Assess/Review?id={id}", submitted.TextBody, StringComparison.Ordinal);
        var returned = (await app.MailToAsync(e.Candidate.Email)).Single();
        Assert.Contains($"{e.Assessor.DisplayName} returned your document with feedback.", returned.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://portfolio.example/Portfolio/Evidence/View?id={id}", returned.HtmlBody, StringComparison.Ordinal);
        foreach (var mail in new[] { submitted, returned })
        {
            foreach (var secret in new[] { title, "The client set her own goals", "Say which goals", "Nearly there" })
            {
                Assert.DoesNotContain(secret, mail.TextBody + mail.HtmlBody + mail.Subject, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_witness_request_arrives_by_smtp_without_the_evidence_text_and_its_link_opens_that_text_only()
    {
        var e = await app.EnrolledCandidateAsync();
        var (_, email, _) = await WitnessSteps.AskedAsync(app, e);

        var mail = (await app.MailToAsync(email)).Single();
        var url = mail.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Read and answer: ", StringComparison.Ordinal))
            ["Read and answer: ".Length..];
        var page = await Html.GetAsync(app.Client(), new Uri(url).PathAndQuery);

        Assert.Equal($"{e.Candidate.DisplayName} asks you to confirm a witness testimony", mail.Subject);
        Assert.Contains("Hello Sam Rivers", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("watched Alex", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(WitnessSteps.TestimonyText, page.QuerySelector("#witnessed-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_iqa_outcome_emails_the_assessor_and_granted_eqa_access_emails_the_eqa_without_feedback_or_evidence()
    {
        var e = await app.EnrolledCandidateAsync();
        await QualitySteps.ReturnedAsync(app, e, EvidenceKind.ActionPlan, "Plan with the client.", "1.1.1");
        var samples = await QualitySteps.SampleAllAsync(app, e);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);

        await QualitySteps.Store(app).RecordAsync(e.CentreId, e.Iqa.Id, samples[0], "disagree", "Dates are missing", "Re-judge 1.1.1");
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id,
            DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(30), true, []);

        var outcome = (await app.MailToAsync(e.Assessor.Email, 2)).Single(m => m.Headers["X-Portfolio-Kind"] == "qa-sample-recorded");
        Assert.Contains($"{e.Iqa.DisplayName} disagreed with one of your decisions sampled for quality assurance and set 1 action point.",
            outcome.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Dates are missing", outcome.TextBody + outcome.HtmlBody, StringComparison.Ordinal);
        var access = (await app.MailToAsync(eqa.Email)).Single();
        Assert.Contains($"from {DateTime.UtcNow.AddHours(-1):d MMMM yyyy} until {DateTime.UtcNow.AddDays(30):d MMMM yyyy}",
            access.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portfolio.example/External", access.TextBody, StringComparison.Ordinal);
    }
}
