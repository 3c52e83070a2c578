using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Portfolio.Tests.Harness;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a port of 127.0.0.1, keeping every message it
/// accepts parsed with MimeKit. It can be stopped and started again on the same port (a mail server that goes down
/// and comes back), and refuses mail to addresses at bounce.example with a permanent 550.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public const string RefusedDomain = "bounce.example";

    readonly ConcurrentQueue<MimeMessage> received = new();
    SmtpServer.SmtpServer? server;
    CancellationTokenSource? stop;

    public int Port { get; } = FreePort();

    public IReadOnlyList<MimeMessage> Messages => received.ToArray();

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public TestSmtpServer Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(received));
        services.Add(new RefuseBounceDomain());
        server = new SmtpServer.SmtpServer(options, services);
        stop = new CancellationTokenSource();
        _ = server.StartAsync(stop.Token);
        return this;
    }

    public async Task StopAsync()
    {
        if (server is null)
        {
            return;
        }
        server.Shutdown();
        await stop!.CancelAsync();
        await server.ShutdownTask;
        stop.Dispose();
        server = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The messages sent to one address.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    sealed class RefuseBounceDomain : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from,
            CancellationToken cancellationToken) =>
            Task.FromResult(!string.Equals(to.Host, RefusedDomain, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// The site with its mail worker on, sending to its own in-process SMTP server (started with the site), or to
/// another node's (<see cref="NodeOf"/>): a second web node, or the same site started again.
/// </summary>
public class MailingApp : PortfolioApp
{
    bool ownsSmtp = true;

    public TestSmtpServer Smtp { get; private set; } = new();

    /// <summary>Another node on this one's database and SMTP server; the caller initialises and disposes it.</summary>
    public MailingApp NodeOf()
    {
        var node = new MailingApp { Smtp = Smtp, ownsSmtp = false };
        node.UseDatabaseOf(this);
        return node;
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Mail:Send"] = "true",
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "none",
        ["Mail:PollSeconds"] = "0.1",
        ["Mail:RetrySeconds"] = "0.2",
        ["Mail:SiteUrl"] = "https://portfolio.example",
    };

    public override async Task InitializeAsync()
    {
        if (ownsSmtp)
        {
            Smtp.Start();
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsSmtp)
        {
            await Smtp.StopAsync();
        }
    }

    /// <summary>Waits until the SMTP server holds <paramref name="count"/> messages to the address (or fails).</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailToAsync(string address, int count = 1)
    {
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(30), () => Task.FromResult(Smtp.To(address).Count >= count)),
            $"{count} message(s) to {address} never arrived; the SMTP server holds {Smtp.Messages.Count}.");
        return Smtp.To(address);
    }
}
