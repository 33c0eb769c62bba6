using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ReactiveCache.Hosting;

/// <summary>
/// The server as a hosted service: starts <see cref="CacheServer"/> over the host's <see cref="CacheStore"/> when the
/// host starts, and disposes it (in-flight replies finish, connections close) when the host stops. A client's
/// Redis <c>SHUTDOWN</c> stops the application, as it stops the console.
/// </summary>
public sealed class CacheServerService : IHostedService, IAsyncDisposable
{
    private readonly CacheStore _store;
    private readonly ReactiveCacheOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IHostApplicationLifetime? _lifetime;
    private CacheServer? _server;

    /// <summary>The service the host starts; <see cref="ReactiveCacheServiceCollectionExtensions.AddReactiveCache"/> registers it.</summary>
    public CacheServerService(CacheStore store, IOptions<ReactiveCacheOptions> options, ILoggerFactory? loggerFactory = null, IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _lifetime = lifetime;
    }

    /// <summary>The running server (its end points say which ports it bound); throws before the host has started.</summary>
    public CacheServer Server => _server ?? throw new InvalidOperationException("The host has not started the cache server yet.");

    /// <summary>Binds every enabled listener; a port in use fails the host's start with <see cref="ListenException"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = CacheServer.Start(_options.Server, _store, _loggerFactory);
        _server.ShutdownRequested.ContinueWith(_ => _lifetime?.StopApplication(), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, lets in-flight replies finish and closes every connection; the store stays the host's.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }
}
