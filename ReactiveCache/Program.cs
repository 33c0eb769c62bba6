using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using ReactiveCache.Hosting;

// The console server: parse options, start listening, wait for Ctrl+C or SIGTERM, stop gracefully.

// Socket completions run on the socket engine's own threads instead of hopping to the thread pool: each
// connection's read loop never blocks (a store write is short, a slow client's flush awaits), and the hop
// cost about a third of the CPU per memcached request (docs/performance.md). Read once, before any socket
// exists; an operator's own setting wins.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

var commandLine = new ServerCommandLine();
if (!commandLine.TryParse(args, out var options, out var logLevel, out var exitCode))
{
    return exitCode;
}

// With inline completions the runtime starts one socket engine (an epoll thread) per core, and connections on
// different engines run their commands at once, in no order: two clients that send BRPOPLPUSH one after the other
// could block in either order. --io-threads 1 (the default) is Redis's single event loop; an operator's own
// DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT wins. Also read once, before any socket exists.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", commandLine.IoThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

ILoggerFactory loggerFactory;
try
{
    loggerFactory = ServerLogging.Create(logLevel, commandLine.LogFormat, commandLine.LogFile);
}
catch (Exception error) when (error is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: cannot open --logfile '{commandLine.LogFile}': {error.Message}");
    return 1;
}

using var disposeLogs = loggerFactory;
var logger = loggerFactory.CreateLogger("ReactiveCache");
foreach (var warning in commandLine.Warnings)
{
    logger.LogWarning("{Warning}", warning);
}

CacheServer server;
PrometheusEndpoint? metricsEndpoint = null;
try
{
    server = CacheServer.Start(options, loggerFactory: loggerFactory);
    if (commandLine.MetricsPort is { } metricsPort)
    {
        try
        {
            metricsEndpoint = PrometheusEndpoint.Start(server.Metrics, commandLine.MetricsBind, metricsPort, commandLine.MetricsDurations);
            logger.LogInformation("Prometheus metrics on http://{EndPoint}/metrics", metricsEndpoint.EndPoint);
        }
        catch (ListenException)
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
catch (Exception error) when (error is ListenException or TlsSetupException)
{
    logger.LogCritical("Cannot start: {Reason}", error.Message);
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    stopRequested.TrySetResult();
}

using (PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop))
using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop))
{
    logger.LogInformation("ReactiveCache ready; Ctrl+C to stop");
    await Task.WhenAny(stopRequested.Task, server.ShutdownRequested);
}

logger.LogInformation("Stopping: closing connections");
metricsEndpoint?.Dispose();
await server.DisposeAsync();
logger.LogInformation("Stopped");
return 0;
