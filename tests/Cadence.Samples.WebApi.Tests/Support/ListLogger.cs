using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cadence.Samples.WebApi.Tests.Support;

/// <summary>A logging provider that keeps every entry logged, at every level, for the tests to look at.</summary>
public sealed class ListLogger : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    /// <summary>The entries logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    /// <summary>Waits until an entry matches, for at most ten seconds.</summary>
    /// <param name="match">The entry looked for.</param>
    /// <returns>The entry, or <see langword="null"/> when none came.</returns>
    public async Task<LogEntry?> WaitForAsync(Func<LogEntry, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            if (entries.FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return null;
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

/// <summary>One entry of a log.</summary>
/// <param name="Category">The logger's category.</param>
/// <param name="Level">The level.</param>
/// <param name="Message">The message, formatted.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);
