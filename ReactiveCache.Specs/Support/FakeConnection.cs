using System.Buffers;
using System.IO.Pipelines;
using System.Reactive.Concurrency;
using System.Text;
using ReactiveCache.Networking;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A <see cref="Connection"/> over in-memory pipes whose continuations run inline, so the real read loop
/// runs synchronously on whichever thread (or virtual tick) sends the bytes.
/// </summary>
internal sealed class FakeConnection
{
    private readonly Pipe _toServer = new(Inline());
    private readonly Pipe _toClient;
    private readonly StringBuilder _received = new();
    private Task? _pump;

    /// <param name="maxPushedBytes">The connection's output limit (the hard limit of both client classes).</param>
    /// <param name="clientWindow">Unread reply bytes after which the server's flush waits for the client, like a full socket buffer.</param>
    /// <param name="limits">The limits to obey instead of <paramref name="maxPushedBytes"/>.</param>
    /// <param name="clock">The connection's clock (a TestScheduler in specs of timeouts).</param>
    public FakeConnection(long maxPushedBytes = 1024 * 1024, long clientWindow = 1024 * 1024, ClientLimits? limits = null, IScheduler? clock = null)
    {
        _toClient = new Pipe(Inline(clientWindow));
        var hardOnly = new OutputBufferLimit(maxPushedBytes, 0, TimeSpan.Zero);
        limits ??= new ClientLimits { OutputBuffers = ClientOutputBufferLimits.Default with { Normal = hardOnly, PubSub = hardOnly } };
        Connection = new Connection(_toServer.Reader, _toClient.Writer, limits, clock ?? Scheduler.Immediate, abort: Vanish);
    }

    public Connection Connection { get; }

    /// <summary>Writes bytes as the client would, in one chunk.</summary>
    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    public void Send(byte[] bytes)
    {
        _toServer.Writer.Write(bytes);
        _toServer.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>True once the server dropped this client (aborted the connection).</summary>
    public bool Aborted { get; private set; }

    /// <summary>The client hangs up (its half of the connection completes).</summary>
    public void Hangup() => _toServer.Writer.Complete();

    /// <summary>Everything the server has flushed so far, as text.</summary>
    public string Received
    {
        get
        {
            lock (_received)
            {
                while (_pump is null && _toClient.Reader.TryRead(out var read))
                {
                    Take(read);
                    if (read.IsCompleted)
                    {
                        break;
                    }
                }

                return _received.ToString();
            }
        }
    }

    /// <summary>From now on the client reads everything as it arrives, on its own, until the server closes.</summary>
    /// <returns>A task that completes when the server has closed its side and everything was read.</returns>
    public Task StartReading() => _pump ??= Task.Run(async () =>
    {
        while (true)
        {
            var read = await _toClient.Reader.ReadAsync();
            lock (_received)
            {
                Take(read);
            }

            if (read.IsCompleted)
            {
                return;
            }
        }
    });

    // What an aborted socket looks like from the server: the peer is gone and nothing more is read.
    private void Vanish()
    {
        Aborted = true;
        _toClient.Reader.Complete();
        _toServer.Writer.Complete();
    }

    private void Take(ReadResult read)
    {
        _received.Append(Encoding.UTF8.GetString(read.Buffer.ToArray()));
        _toClient.Reader.AdvanceTo(read.Buffer.End);
    }

    private static PipeOptions Inline(long window = 1024 * 1024) =>
        new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: window, resumeWriterThreshold: window / 2, useSynchronizationContext: false);
}
