using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Portfolio.Web.Hosting;

/// <summary>
/// What only the Benchmark environment has (scripts/load.sh): the bare baseline page, and the number of SQL commands
/// each request sent to PostgreSQL in an <c>X-Sql-Statements</c> response header, to show pages make no N+1 queries.
/// </summary>
public static class BenchmarkSupport
{
    public const string EnvironmentName = "Benchmark";
    public const string BaselinePage = "/Benchmark/Fortunes";
    public const string StatementsHeader = "X-Sql-Statements";

    static readonly AsyncLocal<StrongBox<int>?> Counter = new();

    /// <summary>Outside the Benchmark environment the baseline page has no route, so it answers 404.</summary>
    public static void ConfigureBaselinePage(this PageConventionCollection conventions, bool isBenchmark)
    {
        conventions.AddPageRouteModelConvention(BaselinePage, model =>
        {
            if (!isBenchmark)
            {
                model.Selectors.Clear();
            }
        });
        conventions.AllowAnonymousToPage(BaselinePage);
    }

    /// <summary>Counts Npgsql's commands per request. Npgsql asks the listener whether to trace each command it starts;
    /// counting there and answering "no" means no activity is ever built, so the count costs next to nothing.</summary>
    public static void UseStatementCounting(this WebApplication app)
    {
        // One listener per process: the counter is per request already, and a second site in the same process (tests run
        // several) would otherwise count every command twice.
        if (Interlocked.Exchange(ref listening, 1) == 0)
        {
            ListenToNpgsql();
        }
        app.Use(async (context, next) =>
        {
            var count = new StrongBox<int>();
            Counter.Value = count;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[StatementsHeader] = count.Value.ToString(CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next();
        });
    }

    static int listening;

    static void ListenToNpgsql() => ActivitySource.AddActivityListener(new ActivityListener
    {
        ShouldListenTo = source => source.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
        {
            if (options.Kind == ActivityKind.Client && Counter.Value is { } count)
            {
                Interlocked.Increment(ref count.Value);
            }
            return ActivitySamplingResult.None;
        },
    });
}
