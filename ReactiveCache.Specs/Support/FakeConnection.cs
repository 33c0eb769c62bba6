using System.Buffers;
using System.IO.Pipelines;
using System.Reactive.Concurrency;
using System.Text;
using ReactiveCache.Networking;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A <see cref="Connection"/> over in-memory pipes whose continuations run inline, so the real read loop
/// runs synchronously on whichever thread (or virtual tick) sends the bytes. Each chunk the client sends is a
/// segment of its own in the server's pipe, as separate socket reads can be, so framers meet a segment boundary
/// wherever a spec splits its input; the server's flushes are counted.
/// </summary>
internal sealed class FakeConnection
{
    private readonly Pipe _toServer = new(Inline(segmentPool: ChunkSizedPool.Instance));
    private readonly Pipe _toClient;
    private readonly CountingPipeWriter _output;
    private readonly ArrayBufferWriter<byte> _received = new();
    private Task? _pump;

    /// <param name="maxPushedBytes">The connection's output limit (the hard limit of both client classes).</param>
    /// <param name="clientWindow">Unread reply bytes after which the server's flush waits for the client, like a full socket buffer.</param>
    /// <param name="limits">The limits to obey instead of <paramref name="maxPushedBytes"/>.</param>
    /// <param name="clock">The connection's clock (a TestScheduler in specs of timeouts).</param>
    public FakeConnection(long maxPushedBytes = 1024 * 1024, long clientWindow = 1024 * 1024, ClientLimits? limits = null, IScheduler? clock = null)
    {
        _toClient = new Pipe(Inline(clientWindow));
        _output = new CountingPipeWriter(_toClient.Writer);
        var hardOnly = new OutputBufferLimit(maxPushedBytes, 0, TimeSpan.Zero);
        limits ??= new ClientLimits { OutputBuffers = ClientOutputBufferLimits.Default with { Normal = hardOnly, PubSub = hardOnly } };
        Connection = new Connection(_toServer.Reader, _output, limits, clock ?? Scheduler.Immediate, abort: Vanish);
    }

    public Connection Connection { get; }

    /// <summary>How many times the server flushed its output: once per read batch, plus once per wake for pushes.</summary>
    public int Flushes => _output.Flushes;

    /// <summary>Writes bytes as the client would, in one chunk.</summary>
    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    public void Send(byte[] bytes)
    {
        // Asking for exactly the chunk's size from a pool that hands out exactly that makes the chunk one segment.
        var memory = _toServer.Writer.GetMemory(Math.Max(bytes.Length, 1));
        bytes.CopyTo(memory);
        _toServer.Writer.Advance(bytes.Length);
        _toServer.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>True once the server dropped this client (aborted the connection).</summary>
    public bool Aborted { get; private set; }

    /// <summary>The client hangs up (its half of the connection completes).</summary>
    public void Hangup() => _toServer.Writer.Complete();

    /// <summary>Everything the server has flushed so far, as text.</summary>
    public string Received => Encoding.UTF8.GetString(ReceivedSince(0));

    /// <summary>How many bytes the server has flushed so far.</summary>
    public int ReceivedLength
    {
        get
        {
            lock (_received)
            {
                TakeAvailable();
                return _received.WrittenCount;
            }
        }
    }

    /// <summary>The bytes the server has flushed after the first <paramref name="offset"/>.</summary>
    public byte[] ReceivedSince(int offset)
    {
        lock (_received)
        {
            TakeAvailable();
            return _received.WrittenSpan[offset..].ToArray();
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

    private void TakeAvailable()
    {
        while (_pump is null && !Aborted && _toClient.Reader.TryRead(out var read))
        {
            Take(read);
            if (read.IsCompleted)
            {
                break;
            }
        }
    }

    private void Take(ReadResult read)
    {
        foreach (var segment in read.Buffer)
        {
            _received.Write(segment.Span);
        }

        _toClient.Reader.AdvanceTo(read.Buffer.End);
    }

    private static PipeOptions Inline(long window = 1024 * 1024, MemoryPool<byte>? segmentPool = null) =>
        new(pool: segmentPool, readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: window, resumeWriterThreshold: window / 2, minimumSegmentSize: segmentPool is null ? -1 : 1,
            useSynchronizationContext: false);
}
