using System.Text;
using Microsoft.Reactive.Testing;
using ReactiveCache.Commands.Native;
using ReactiveCache.Commands;
using ReactiveCache.Networking;
using ReactiveCache.Protocols.Native;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// One native-protocol session served by the real pipeline (<see cref="ServedConnection{TFrame,TCommand,TReply}"/>)
/// over an in-memory connection, on a store whose clock is a <see cref="TestScheduler"/>.
/// </summary>
internal sealed class NativeHarness : IDisposable
{
    private readonly ServedConnection<System.Buffers.ReadOnlySequence<byte>, Command, Reply> _served;

    public NativeHarness(int maxLineLength = 1024, long maxPushedBytes = 1024 * 1024, CacheStore? store = null, long clientWindow = 1024 * 1024, ClientLimits? limits = null, TestScheduler? scheduler = null, ServerAccess? access = null, int maxWatches = NativeSession.DefaultMaxWatches)
    {
        Scheduler = scheduler ?? new TestScheduler();
        Access = access ?? new ServerAccess();
        Store = store ?? new CacheStore(scheduler: Scheduler);
        _served = new(
            new NativeProtocol(maxLineLength),
            () => new NativeSession(Store, new ServerStatistics(Store.Scheduler.Now), Access, maxWatches),
            Scheduler,
            maxPushedBytes,
            clientWindow,
            limits);
    }

    public TestScheduler Scheduler { get; }

    public CacheStore Store { get; }

    /// <summary>The password and protected mode the session reads; change it to act as CONFIG SET would.</summary>
    public ServerAccess Access { get; }

    public FakeConnection Client => _served.Client;

    /// <summary>The connection as bytes, for specs of the pipeline itself.</summary>
    public IServedConnection Wire => _served;

    /// <summary>Completes when the server has closed the connection.</summary>
    public Task Served => _served.Served;

    /// <summary>Sends lines (each given without its terminator) in one chunk and returns everything received since the last call.</summary>
    public string Send(params string[] lines) =>
        Encoding.UTF8.GetString(_served.Exchange(Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\r\n")))));

    public string ReceivedSince(int offset) => Client.Received[offset..];

    /// <summary>Lets the client read everything and waits until the server has closed the connection.</summary>
    public async Task<string> ReceivedUntilClosedAsync()
    {
        var closedByServer = Client.StartReading();
        await Task.WhenAll(Served, closedByServer).WaitAsync(TimeSpan.FromSeconds(10));
        return Client.Received;
    }

    public void Dispose()
    {
        Client.Hangup();
        Store.Dispose();
    }
}
