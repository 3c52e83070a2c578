using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portfolio.Tests.Harness;

/// <summary>One line the site logged: its level, category, text and exception.</summary>
public sealed record LoggedLine(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : "\n" + Exception)}";
}

/// <summary>Keeps everything the site logs, so a test can look for errors and for what must never be written.</summary>
public sealed class LogCapture : ILoggerProvider
{
    readonly ConcurrentQueue<LoggedLine> lines = new();

    public IReadOnlyList<LoggedLine> Lines => [.. lines];

    /// <summary>
    /// Lines of Error and above, and warnings that carry an exception. A refused antiforgery token is logged as
    /// information with its exception: that is the site working, not failing.
    /// </summary>
    public IReadOnlyList<LoggedLine> Errors =>
        lines.Where(l => l.Level >= LogLevel.Error || l.Level >= LogLevel.Warning && l.Exception is not null).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture.lines.Enqueue(new(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}

/// <summary>The site with its log kept in <see cref="Log"/>.</summary>
public class LoggedApp : PortfolioApp
{
    public LogCapture Log { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Log));
    }
}
