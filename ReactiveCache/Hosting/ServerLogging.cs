using Microsoft.Extensions.Logging;

namespace ReactiveCache.Hosting;

/// <summary>
/// The console's logger factory from <c>--log-level</c>, <c>--log-format</c> and <c>--logfile</c>: single-line text
/// or JSON lines (Microsoft.Extensions.Logging's JSON console formatter) on standard output, or the same shapes
/// appended to a file.
/// </summary>
internal static class ServerLogging
{
    /// <summary>The words <c>--log-format</c> accepts.</summary>
    public static readonly string[] Formats = ["text", "json"];

    /// <summary>
    /// Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when <paramref name="logFile"/>
    /// cannot be opened for appending.
    /// </summary>
    public static ILoggerFactory Create(LogLevel level, string format, string logFile)
    {
        var json = format == "json";
        var file = logFile.Length > 0 ? FileLoggerProvider.Open(logFile, json) : null;
        return LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(level);
            if (file is not null)
            {
                logging.AddProvider(file);
            }
            else if (json)
            {
                logging.AddJsonConsole(console => console.TimestampFormat = "O");
            }
            else
            {
                logging.AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "HH:mm:ss.fff ";
                });
            }
        });
    }
}
