using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Mail;
using Portfolio.People;
using Portfolio.Tests.Mail;

namespace Portfolio.Tests.Pages.Admin;

public sealed class MailTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task FailedAsync(long centre, string to)
    {
        await OutboxSteps.QueueAsync(app, OutboxSteps.Message(to) with { CentreId = centre });
        await app.ScalarAsync<int>("""
            UPDATE outbound_mail SET failed_at = now(), attempts = 1,
                   last_error = 'The mail server refused it (550): mailbox unavailable'
            WHERE to_address = @to RETURNING 1
            """, new { to });
    }

    [Fact]
    public async Task Undelivered_email_of_the_centre_is_listed_with_why_and_not_another_centres()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        await FailedAsync(centre, "gone@example.org");
        await FailedAsync(await app.CentreAsync("Elsewhere"), "elsewhere@example.org");

        var page = await Html.GetAsync(admin, (await Html.GetAsync(admin, "/Admin")).QuerySelector<IHtmlAnchorElement>("#mail-link")!.PathName);

        var table = page.QuerySelector("#failed-mail")!.TextContent;
        Assert.Contains("gone@example.org", table, StringComparison.Ordinal);
        Assert.Contains("mailbox unavailable", table, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere@example.org", table, StringComparison.Ordinal);
        Assert.Equal("1 message not delivered", page.QuerySelector("#failed-total")!.TextContent.Trim());
    }

    [Fact]
    public async Task Sending_again_puts_the_message_back_in_the_outbox_and_is_audited()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        await FailedAsync(centre, "retry@example.org");
        var page = await Html.GetAsync(admin, "/Admin/Mail");

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#failed-mail form")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.ScalarAsync<bool>(
            "SELECT failed_at IS NULL AND attempts = 0 FROM outbound_mail WHERE to_address = 'retry@example.org'"));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'mail.retried' AND centre_id = @centre", new { centre }));
        Assert.Equal("1 message is waiting to be sent or tried again.",
            (await Html.GetAsync(admin, "/Admin/Mail")).QuerySelector("#mail-waiting")!.TextContent.Trim());
    }

    [Fact]
    public async Task Another_centres_message_cannot_be_sent_again()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        await FailedAsync(centre, "mine@example.org");
        await FailedAsync(await app.CentreAsync("Elsewhere"), "theirs@example.org");
        var id = await app.ScalarAsync<long>("SELECT id FROM outbound_mail WHERE to_address = 'theirs@example.org'");
        var form = (await Html.GetAsync(admin, "/Admin/Mail")).QuerySelector<IHtmlFormElement>("#failed-mail form")!;
        form.Action = $"/Admin/Mail?handler=Retry&id={id}";

        var response = await Html.SubmitAsync(admin, form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await app.ScalarAsync<bool>("SELECT failed_at IS NOT NULL FROM outbound_mail WHERE id = @id", new { id }));
    }
}
