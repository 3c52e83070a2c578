using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Portfolio.Web.Account;

namespace Portfolio.Web.Hosting;

/// <summary>
/// A page whose whole HTML <see cref="PageCache"/> may keep: everything it shows besides the header is covered by the
/// viewer's page stamp (migration M202611231000), so a stamp that has not moved means the same page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KeptPageAttribute : Attribute;

/// <summary>
/// The rendered HTML of <see cref="KeptPageAttribute"/> pages, kept in this node's memory and sent again while the viewer's
/// page stamp, the header (name, roles, unread count), the antiforgery cookie and the day are the same. Rendering, not
/// reading, is most of what those pages cost.
/// Every write to anything such a page shows changes the stamp in its own transaction, so a page is never older than
/// the request's own session check, on any node. Runs after authorization, so a page's folder rule still applies first.
/// Bounded in bytes (PageCache:Megabytes, 64 by default; 0 turns it off); an entry lives at most a minute, since
/// pages also show days waiting and dates worked out from the clock.
/// </summary>
public sealed class PageCache(IConfiguration config, TimeProvider clock, IOptions<AntiforgeryOptions> antiforgery,
    IOptions<CookieTempDataProviderOptions> tempData) : IDisposable
{
    static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>What a kept page needs sent again; everything else (cookies, Date, the security headers) is per response.</summary>
    static readonly string[] ReplayedHeaders = ["Content-Type", "Cache-Control", "Pragma", "Expires", "X-Frame-Options", "Content-Language", "Vary"];

    readonly long limit = Bytes(config);
    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, Bytes(config)), CompactionPercentage = 0.25 });

    static long Bytes(IConfiguration config) => Math.Max(0, config.GetValue("PageCache:Megabytes", 64L)) * 1024 * 1024;

    /// <summary>Everything a kept page's bytes depend on. Antiforgery tokens in its forms are valid for this cookie and person only.</summary>
    sealed record Key(string Path, string Query, long PersonId, long Stamp, int Unread, string Name, string Roles, string Antiforgery, DateOnly Day);

    sealed record Kept(int Size, KeyValuePair<string, StringValues>[] Headers, byte[] Body);

    /// <summary>The middleware: sends a kept page, or renders it while copying what is sent and keeps it when it may.</summary>
    public async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        var key = KeyFor(context);
        if (key is null)
        {
            await next(context);
            return;
        }
        if (cache.TryGetValue(key, out Kept? kept))
        {
            await SendAsync(context.Response, kept!);
            return;
        }
        var sent = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        // A page bigger than an eighth of the cache is sent but not kept, so one page never pushes out most of the others.
        var copy = new CopyingStream(sent.Stream, (int)Math.Min(limit / 8, int.MaxValue));
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(copy, sent));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(sent);
        }
        if (Keepable(context.Response, copy, tempData.Value.Cookie.Name!) is { } page)
        {
            cache.Set(key, page, new MemoryCacheEntryOptions { Size = page.Size, AbsoluteExpirationRelativeToNow = Lifetime });
        }
    }

    Key? KeyFor(HttpContext context)
    {
        var request = context.Request;
        if (limit <= 0 || !HttpMethods.IsGet(request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<KeptPageAttribute>() is null
            || context.User.TryPerson() is not { } person || RequestSession.Session(context) is not { PageVersion: { } stamp } session
            // The layout shows the TempData status banner once; without an antiforgery cookie the page would set a new one.
            || request.Cookies.ContainsKey(tempData.Value.Cookie.Name!)
            || request.Cookies[antiforgery.Value.Cookie.Name!] is not { Length: > 0 } token)
        {
            return null;
        }
        return new Key(request.Path.Value ?? "", request.QueryString.Value ?? "", person.Id, stamp, session.UnreadNotifications,
            person.DisplayName, string.Join(',', person.Roles), Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// A whole, successful HTML page that set no cookie: a cookie belongs to one response, never to a copy. The one
    /// exception is the layout's reading of TempData, which always deletes the TempData cookie; this request had none.
    /// </summary>
    static Kept? Keepable(HttpResponse response, CopyingStream copy, string tempDataCookie)
    {
        if (response.StatusCode != StatusCodes.Status200OK || !response.HasStarted || copy.Copied is not { Length: > 0 } body
            || SetsCookie(response.Headers.SetCookie, tempDataCookie)
            || response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }
        var headers = ReplayedHeaders.Where(response.Headers.ContainsKey).Select(name => KeyValuePair.Create(name, response.Headers[name])).ToArray();
        return new Kept(body.Length + headers.Sum(h => h.Key.Length + h.Value.ToString().Length) + 512, headers, body);
    }

    static bool SetsCookie(StringValues setCookie, string tempDataCookie) =>
        setCookie.Count > 0 && (!SetCookieHeaderValue.TryParseStrictList(setCookie, out var cookies)
            || cookies.Any(c => c.Name != tempDataCookie || c.Value.Length > 0));

    static async Task SendAsync(HttpResponse response, Kept kept)
    {
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in kept.Headers)
        {
            response.Headers[name] = value;
        }
        response.ContentLength = kept.Body.Length;
        await response.Body.WriteAsync(kept.Body);
    }

    public void Dispose() => cache.Dispose();

    /// <summary>Passes every write on to the response and keeps a copy of the first <paramref name="most"/> bytes.</summary>
    sealed class CopyingStream(Stream inner, int most) : Stream
    {
        readonly ArrayBufferWriter<byte> copy = new();
        bool tooLong;

        /// <summary>All that was written, or null when it was more than the most kept.</summary>
        public byte[]? Copied => tooLong ? null : copy.WrittenSpan.ToArray();

        void Keep(ReadOnlySpan<byte> bytes)
        {
            if (tooLong || copy.WrittenCount + bytes.Length > most)
            {
                tooLong = true;
                copy.Clear();
                return;
            }
            copy.Write(bytes);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
