using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;
using Portfolio.Web.Account;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Logs every answer of 500 and over with what finds its cause: the page, the handler, the person and the error's
/// type and stack; never the input, so the log holds no one's words. The framework's own line about an unhandled
/// exception (whose message may quote input) is switched off in its place.
/// </summary>
public static class ServerErrors
{
    public const string FrameworkCategory = "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware";

    static readonly object Key = new();

    /// <summary>Notes the page and handler a request runs before anything can fail; the error page reads it.</summary>
    public sealed class HandlerNote : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
            context.HttpContext.Items.TryAdd(Key,
                (context.ActionDescriptor.ViewEnginePath, context.HandlerMethod?.Name ?? "(none)"));

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }

    public static void Log(ILogger log, HttpContext context, int status)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Request.Path.Value;
        var (page, handler) = context.Items[Key] is (string p, string h) ? (p, h) : (path ?? "", "(none)");
        var person = context.User.TryPerson()?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? "(not signed in)";
        var level = status == StatusCodes.Status503ServiceUnavailable ? LogLevel.Warning : LogLevel.Error;
        log.Log(level, "{Status} for {Method} {Page} handler {Handler} person {PersonId}: {Error}",
            status, context.Request.Method, page, handler, person, Describe(exception));
    }

    // Types and stack frames only: an exception's message may quote what was typed.
    static string Describe(Exception? exception)
    {
        if (exception is null)
        {
            return "no exception";
        }
        var text = new StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            text.Append(e == exception ? "" : "\n  caused by ").Append(e.GetType().FullName)
                .Append('\n').Append(e.StackTrace);
        }
        return text.ToString();
    }
}
