using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ReactiveCache.Hosting;

/// <summary>
/// <c>--logfile PATH</c>: log lines appended to a file, as redis-server's <c>logfile</c>, in the text or the JSON
/// shape of <c>--log-format</c> (the JSON one has the fields of Microsoft.Extensions.Logging's JSON console
/// formatter: Timestamp, EventId, LogLevel, Category, Message, State). One line per entry, written and flushed under
/// a lock, as redis-server writes its log (so <c>tail -f</c> shows it at once; the server logs events, never
/// commands, so this is not a hot path), and closed on dispose (stop).
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly bool _json;
    private readonly Lock _gate = new();
    private bool _disposed;

    private FileLoggerProvider(StreamWriter writer, bool json)
    {
        _writer = writer;
        _json = json;
    }

    /// <summary>Opens <paramref name="path"/> for appending; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    public static FileLoggerProvider Open(string path, bool json)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        return new FileLoggerProvider(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), json);
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }

    private void Write(string category, LogLevel level, EventId eventId, string message, Exception? exception, object? state)
    {
        var line = _json ? JsonLine(category, level, eventId, message, exception, state) : TextLine(category, level, message, exception);
        lock (_gate)
        {
            // A thread still finishing after stop (a connection's last words) has nowhere to write.
            if (_disposed)
            {
                return;
            }

            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static string TextLine(string category, LogLevel level, string message, Exception? exception) =>
        $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss.fff} {LevelWord(level)}: {category}: {message}{(exception is null ? "" : " " + exception.ToString().ReplaceLineEndings(" "))}";

    private static string LevelWord(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private static string JsonLine(string category, LogLevel level, EventId eventId, string message, Exception? exception, object? state)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTimeOffset.Now.ToString("O"));
            json.WriteNumber("EventId", eventId.Id);
            json.WriteString("LogLevel", level.ToString());
            json.WriteString("Category", category);
            json.WriteString("Message", message);
            if (exception is not null)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("State");
                foreach (var (key, value) in values)
                {
                    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, eventId, formatter(state, exception), exception, state);
            }
        }
    }
}
