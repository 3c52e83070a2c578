using Npgsql;

namespace Portfolio.Web.Hosting;

/// <summary>Whether an exception means the database is not answering (so the answer is 503, not 500).</summary>
public static class DatabaseOutage
{
    const string Key = "portfolio.database-outage";

    /// <summary>
    /// A broken or refused connection, a timeout, or a server that is shutting down, short of resources or cancelled
    /// the statement. A statement PostgreSQL refused for what it says (a bad cast, a broken constraint) is a defect
    /// of the site, not an outage, and answers 500 with its error logged.
    /// </summary>
    public static bool Is(Exception e) => e switch
    {
        PostgresException p => Portfolio.Database.TransientReads.IsTransient(p)
            || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)
            || p.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or DatabaseUnavailableException => true,
        _ when e.InnerException is not null => Is(e.InnerException),
        _ => false,
    };

    public static void Record(HttpContext context) => context.Items[Key] = true;

    /// <summary>
    /// A GET or HEAD (idempotent, nothing written yet) that fails because its connection broke is run once more on a
    /// fresh connection before the site gives up with its 503 page.
    /// </summary>
    public static IApplicationBuilder RetryTransientReads(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.ChangesNothing())
        {
            await next();
            return;
        }
        try
        {
            await next();
        }
        catch (Exception e) when (Portfolio.Database.TransientReads.IsTransient(e) && !context.Response.HasStarted)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            context.Response.Clear();
            await next();
        }
    });

    /// <summary>After authentication: a request whose sign-in could not be checked fails as an outage (503), once.</summary>
    public static IApplicationBuilder RaiseIfRecorded(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Items.Remove(Key) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
        {
            throw new DatabaseUnavailableException();
        }
        await next();
    });
}

/// <summary>The database did not answer while checking who is signed in.</summary>
public sealed class DatabaseUnavailableException() : Exception("The database did not answer.");
