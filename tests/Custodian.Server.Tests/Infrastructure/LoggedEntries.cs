using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Custodian.Server.Tests.Infrastructure;

/// <summary>Keeps what the server logs, with the message template's values, for tests of what is logged and what is not.</summary>
public sealed class LoggedEntries : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEntry> _entries = new();

    public IReadOnlyList<LoggedEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LoggedEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LoggedEntry(category, logLevel, formatter(state, exception),
                // Copied now: some states read the request they describe, which is gone once it ends.
                (state as IReadOnlyList<KeyValuePair<string, object?>>)?.ToList() ?? []));
    }
}

public sealed record LoggedEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values);
