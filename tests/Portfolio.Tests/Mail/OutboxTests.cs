using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portfolio.Mail;

namespace Portfolio.Tests.Mail;

/// <summary>Builders for outbox tests: a message like the site's, queued as a change would queue it.</summary>
public static class OutboxSteps
{
    public static OutgoingMail Message(string to, string kind = "test") =>
        new(to, "Sam Rivers", kind, "Your evidence has been returned", "Ben Carter returned your action plan.",
            "You were sent this because you are a candidate at Northgate Guidance Centre.", "/Portfolio",
            "Open your portfolio");

    public static async Task QueueAsync(TestDatabase db, params OutgoingMail[] mails)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var mail in mails)
        {
            await Outbox.QueueAsync(conn, tx, mail);
        }
        await tx.CommitAsync();
    }
}

public sealed class OutboxTests(MailingApp app) : IClassFixture<MailingApp>
{
    static string Address() => $"r{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task A_queued_message_arrives_with_a_text_part_an_html_part_its_reason_and_a_link_to_the_page()
    {
        var to = Address();
        _ = app.Factory.Services;

        await OutboxSteps.QueueAsync(app, OutboxSteps.Message(to));

        var mail = (await app.MailToAsync(to)).Single();
        Assert.Equal("Your evidence has been returned", mail.Subject);
        Assert.Contains("Ben Carter returned your action plan.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Open your portfolio: https://portfolio.example/Portfolio", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("because you are a candidate", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portfolio.example/Portfolio\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("because you are a candidate", mail.HtmlBody, StringComparison.Ordinal);
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () =>
            await app.ScalarAsync<bool>("SELECT sent_at IS NOT NULL FROM outbound_mail WHERE to_address = @to", new { to })));
    }

    [Fact]
    public async Task Mail_queued_by_a_change_that_is_rolled_back_is_never_sent()
    {
        var (undone, marker) = (Address(), Address());
        _ = app.Factory.Services;
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await using var tx = await conn.BeginTransactionAsync();
            await Outbox.QueueAsync(conn, tx, OutboxSteps.Message(undone));
            await tx.RollbackAsync();
        }

        await OutboxSteps.QueueAsync(app, OutboxSteps.Message(marker));

        await app.MailToAsync(marker);
        Assert.Empty(app.Smtp.To(undone));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE to_address = @undone", new { undone }));
    }

    [Fact]
    public async Task A_mail_server_that_is_down_delays_mail_then_every_message_arrives_once_when_it_comes_back()
    {
        var addresses = Enumerable.Range(0, 3).Select(_ => Address()).ToArray();
        _ = app.Factory.Services;
        await app.Smtp.StopAsync();
        try
        {
            await OutboxSteps.QueueAsync(app, addresses.Select(a => OutboxSteps.Message(a)).ToArray());

            Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () => await app.ScalarAsync<int>(
                "SELECT count(*) FROM outbound_mail WHERE to_address = ANY(@addresses) AND attempts >= 2 AND sent_at IS NULL",
                new { addresses }) == 3), "The worker did not try (and fail) to send while the server was down.");
            Assert.Contains("Could not reach the mail server", await app.ScalarAsync<string>(
                "SELECT last_error FROM outbound_mail WHERE to_address = @a", new { a = addresses[0] }), StringComparison.Ordinal);
        }
        finally
        {
            app.Smtp.Start();
        }

        foreach (var address in addresses)
        {
            await app.MailToAsync(address);
        }
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => await app.ScalarAsync<int>(
            "SELECT count(*) FROM outbound_mail WHERE to_address = ANY(@addresses) AND sent_at IS NOT NULL", new { addresses }) == 3));
        Assert.All(addresses, a => Assert.Single(app.Smtp.To(a)));
        Assert.Equal(0, await app.ScalarAsync<int>(
            "SELECT count(*) FROM outbound_mail WHERE to_address = ANY(@addresses) AND failed_at IS NOT NULL", new { addresses }));
    }

    [Fact]
    public async Task Two_nodes_sending_from_one_outbox_send_each_message_exactly_once()
    {
        await using var second = app.NodeOf();
        await second.InitializeAsync();
        _ = app.Factory.Services;
        _ = second.Factory.Services;
        var addresses = Enumerable.Range(0, 60).Select(_ => Address()).ToArray();

        await OutboxSteps.QueueAsync(app, addresses.Select(a => OutboxSteps.Message(a)).ToArray());

        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () => await app.ScalarAsync<int>(
            "SELECT count(*) FROM outbound_mail WHERE to_address = ANY(@addresses) AND sent_at IS NOT NULL", new { addresses }) == 60));
        var delivered = app.Smtp.Messages.Where(m => addresses.Contains(m.To.Mailboxes.Single().Address)).ToList();
        Assert.Equal(60, delivered.Count);
        Assert.Equal(60, delivered.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_permanent_refusal_is_recorded_as_failed_and_not_tried_again()
    {
        var refused = $"nobody{Guid.NewGuid():N}@{TestSmtpServer.RefusedDomain}";
        _ = app.Factory.Services;

        await OutboxSteps.QueueAsync(app, OutboxSteps.Message(refused));

        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () =>
            await app.ScalarAsync<bool>("SELECT failed_at IS NOT NULL FROM outbound_mail WHERE to_address = @refused", new { refused })));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT attempts FROM outbound_mail WHERE to_address = @refused", new { refused }));
        Assert.Contains("550", await app.ScalarAsync<string>(
            "SELECT last_error FROM outbound_mail WHERE to_address = @refused", new { refused }), StringComparison.Ordinal);
    }
}

/// <summary>A site that stops with mail still waiting, and starts again on the same database.</summary>
public sealed class OutboxRestartTests(MailingApp app) : IClassFixture<MailingApp>
{
    [Fact]
    public async Task Messages_waiting_when_the_site_stops_are_sent_once_after_it_starts_again()
    {
        var addresses = Enumerable.Range(0, 5).Select(i => $"restart{i}.{Guid.NewGuid():N}@example.org").ToArray();
        await app.Smtp.StopAsync();
        var first = app.NodeOf();
        await first.InitializeAsync();
        _ = first.Factory.Services;
        await OutboxSteps.QueueAsync(app, addresses.Select(a => OutboxSteps.Message(a)).ToArray());
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () => await app.ScalarAsync<int>(
            "SELECT count(*) FROM outbound_mail WHERE attempts >= 1 AND sent_at IS NULL") == 5));
        await first.DisposeAsync();
        app.Smtp.Start();

        await using var second = app.NodeOf();
        await second.InitializeAsync();
        _ = second.Factory.Services;

        foreach (var address in addresses)
        {
            await app.MailToAsync(address);
        }
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () =>
            await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE sent_at IS NOT NULL") == 5));
        Assert.All(addresses, a => Assert.Single(app.Smtp.To(a)));
    }
}

/// <summary>With no SMTP server set, the site writes each message to the mail folder as an .eml file.</summary>
public sealed class PickupFolderTests(PickupFolderTests.FolderApp app) : IClassFixture<PickupFolderTests.FolderApp>
{
    public sealed class FolderApp : PortfolioApp
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Mail:Send"] = "true", ["Mail:PollSeconds"] = "0.1", ["Mail:SiteUrl"] = "http://127.0.0.1:5000",
        };
    }

    [Fact]
    public async Task With_no_mail_server_each_message_is_an_eml_file_in_the_mail_folder()
    {
        var folder = app.Factory.Services.GetRequiredService<MailSettings>().PickupFolder;
        var to = $"folder{Guid.NewGuid():N}@example.org";

        await OutboxSteps.QueueAsync(app, OutboxSteps.Message(to, "evidence-returned"));

        // The file is written before the row is marked sent, so wait for both.
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () =>
            Directory.Exists(folder) && Directory.GetFiles(folder, "*evidence-returned.eml").Length == 1
            && await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE sent_at IS NOT NULL") == 1));
        var mail = await MimeMessage.LoadAsync(Directory.GetFiles(folder, "*.eml").Single());
        Assert.Equal(to, mail.To.Mailboxes.Single().Address);
        Assert.Contains("http://127.0.0.1:5000/Portfolio", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM outbound_mail WHERE sent_at IS NOT NULL"));
    }
}
