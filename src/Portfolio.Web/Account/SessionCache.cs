using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using Portfolio.People;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Account;

/// <summary>
/// Session checks kept in this node's memory, so that a page asked for again costs no round trip for the check.
/// A kept check is dropped the moment PostgreSQL says the person changed (migration M202611231100: a session of theirs
/// ended, their name or roles changed, a notification arrived or was read, or anything their pages show changed), and is
/// read again at the latest after <c>SignIn:SessionCacheSeconds</c> (30 by default; 0 checks every request in the database).
/// <para>
/// What may be kept: only a GET or HEAD uses a kept check; every other request (anything that writes) checks in the
/// database. A request that wrote waits, before its answer goes out, until this node has heard every notice committed
/// before it (<see cref="CatchUpAsync"/>), so the next request on this node sees the change, whoever makes it; and its
/// answer sets a short-lived cookie that makes the same browser's next requests check in the database on any node
/// (<see cref="FreshCookie"/>). Another node hears of a change when PostgreSQL delivers the notice, milliseconds after the
/// commit. While the listening connection is down nothing is kept, and everything kept is forgotten when it comes back.
/// </para>
/// </summary>
public sealed class SessionCache(Accounts accounts, NpgsqlDataSource db, TimeProvider clock, IConfiguration config)
{
    public const string Channel = "portfolio_people";

    /// <summary>Set on the answer to a request that wrote: the browser's next requests check the session in the database.</summary>
    public const string FreshCookie = "portfolio.fresh";

    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    const string CatchUpPrefix = "catch-up:";
    const int MaxEntries = 50_000;
    static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(2);

    readonly TimeSpan keepFor = TimeSpan.FromSeconds(config.GetValue("SignIn:SessionCacheSeconds", 30.0));
    readonly ConcurrentDictionary<Guid, Entry> entries = new();
    // Per person, the number of the notice that last changed them; written by the listening connection only.
    readonly ConcurrentDictionary<long, long> changedAt = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> catchUps = new();
    long notices;
    long forgottenAt;
    volatile bool listening;

    /// <param name="ReadAfter">How many notices had come when the check was read: any later one for the person spoils it.</param>
    sealed record Entry(LiveSession Session, long ReadAfter, DateTime KeptUntil);

    public bool Enabled => keepFor > TimeSpan.Zero;

    /// <summary>Anything that may write is authorised against the database, and so is a browser that has just written.</summary>
    public static bool MustCheckDatabase(HttpRequest request) => !request.ChangesNothing() || request.Cookies.ContainsKey(FreshCookie);

    /// <summary>Whether checks are being kept now (on, and hearing PostgreSQL's notices).</summary>
    public bool Keeping => Enabled && listening;

    /// <summary>
    /// The live session behind a sign-in cookie, or null once it has ended. <paramref name="mustRead"/> asks the database
    /// whatever is kept (a request that may write, or a browser that just wrote).
    /// </summary>
    public async Task<LiveSession?> CurrentAsync(Guid sessionId, bool mustRead, CancellationToken ct)
    {
        if (!Enabled)
        {
            return await accounts.CurrentAsync(sessionId, ct);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!mustRead && listening && entries.TryGetValue(sessionId, out var kept))
        {
            if (now < kept.KeptUntil && kept.ReadAfter >= Interlocked.Read(ref forgottenAt)
                && changedAt.GetValueOrDefault(kept.Session.Person.Id) <= kept.ReadAfter)
            {
                return kept.Session;
            }
            entries.TryRemove(KeyValuePair.Create(sessionId, kept));
        }
        var readAfter = Interlocked.Read(ref notices);
        var session = await accounts.CurrentAsync(sessionId, ct);
        if (session is null || !listening)
        {
            entries.TryRemove(sessionId, out _);
            return session;
        }
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
        entries[sessionId] = new Entry(session, readAfter, new[] { now + keepFor, session.LiveUntil }.Min());
        return session;
    }

    /// <summary>
    /// Waits until this node has heard every notice committed before now. If it cannot tell in time, everything kept
    /// is forgotten instead.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        if (Enabled && listening && !await HearsOwnNoticeAsync(ct))
        {
            ForgetAll();
        }
    }

    /// <summary>
    /// Sends a notice of its own through PostgreSQL on another connection and waits for the listening connection to hear
    /// it, behind every notice committed before it: false when that takes over two seconds, the listening connection is
    /// lost meanwhile, or the database does not answer.
    /// </summary>
    public async Task<bool> HearsOwnNoticeAsync(CancellationToken ct)
    {
        var token = CatchUpPrefix + Guid.NewGuid().ToString("N");
        var heard = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        catchUps[token] = heard;
        try
        {
            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                await conn.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@Channel, @token)", new { Channel, token }, cancellationToken: ct));
            }
            return await heard.Task.WaitAsync(CatchUpLimit, ct);
        }
        catch (Exception e) when (e is TimeoutException || Hosting.DatabaseOutage.Is(e))
        {
            return false;
        }
        finally
        {
            catchUps.TryRemove(token, out _);
        }
    }

    /// <summary>A notice from PostgreSQL: a person's id, or the answer to a catch-up.</summary>
    public void Heard(string payload)
    {
        if (payload.StartsWith(CatchUpPrefix, StringComparison.Ordinal))
        {
            if (catchUps.TryGetValue(payload, out var heard))
            {
                heard.TrySetResult(true);
            }
            return;
        }
        var number = Interlocked.Increment(ref notices);
        if (long.TryParse(payload, System.Globalization.CultureInfo.InvariantCulture, out var person))
        {
            changedAt[person] = number;
        }
        else
        {
            ForgetAll();
        }
    }

    /// <summary>The listening connection is up and hears its own notices: start keeping checks, with nothing kept from before.</summary>
    public void Listening()
    {
        ForgetAll();
        listening = true;
    }

    /// <summary>The listening connection is lost: keep nothing until it is back, and release anyone catching up.</summary>
    public void Deaf()
    {
        listening = false;
        ForgetAll();
        foreach (var heard in catchUps.Values)
        {
            heard.TrySetResult(false);
        }
    }

    void ForgetAll()
    {
        var number = Interlocked.Increment(ref notices);
        // Only ever raised: two callers at once must not leave the earlier number in place.
        for (var seen = Interlocked.Read(ref forgottenAt); seen < number; seen = Interlocked.Read(ref forgottenAt))
        {
            if (Interlocked.CompareExchange(ref forgottenAt, number, seen) == seen)
            {
                break;
            }
        }
        entries.Clear();
    }
}

public static class SessionCatchUp
{
    /// <summary>
    /// Before the answer to a signed-in request that may have written goes out: the browser is told to check its session
    /// in the database for a few seconds (any node), and this node catches up with what was committed (see
    /// <see cref="SessionCache"/>).
    /// </summary>
    public static IApplicationBuilder UseSessionCatchUp(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var cache = context.RequestServices.GetRequiredService<SessionCache>();
        if (cache.Enabled && !context.Request.ChangesNothing())
        {
            context.Response.OnStarting(async () =>
            {
                if (context.User.Identity?.IsAuthenticated == true)
                {
                    context.Response.Cookies.Append(SessionCache.FreshCookie, "1", new CookieOptions
                    {
                        MaxAge = SessionCache.FreshFor, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true,
                    });
                    await cache.CatchUpAsync(context.RequestAborted);
                }
            });
        }
        await next();
    });
}
