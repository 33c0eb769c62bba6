using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Reactive.Linq;
using ReactiveCache.Framing;

namespace ReactiveCache.Networking;

/// <summary>
/// One accepted socket, read and written through System.IO.Pipelines. It is the connection's own small
/// reactor: a single loop reads, hands complete frames downstream synchronously, then writes any pushed
/// messages and flushes once. Replies written during a read batch therefore leave in order, with one
/// flush per batch, and nothing else ever touches the writer.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private const long MaxUnflushedBytes = 256 * 1024;

    private static long s_nextId;

    private readonly Socket? _socket;
    private readonly IAsyncDisposable? _transport;
    private readonly ConcurrentQueue<ReadOnlyMemory<byte>> _pushes = new();
    private readonly long _maxPushedBytes;
    private readonly TaskCompletionSource _readLoopStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pushedBytes;
    private int _wakeRequested;
    private volatile bool _closeRequested;
    private Exception? _fault;
    private volatile bool _disposed;
    private int _flushing;
    private bool _flushedOnClose;
    private readonly Action _abort;

    /// <summary>
    /// A connection over any pair of pipes: an in-memory one in specs, a socket's in the server.
    /// <c>abort</c> drops the transport at once, for a client that will not read.
    /// </summary>
    internal Connection(PipeReader input, PipeWriter output, long maxPushedBytes, Action abort, EndPoint? remoteEndPoint = null, Socket? socket = null, IAsyncDisposable? transport = null)
    {
        Input = input;
        Output = output;
        _maxPushedBytes = maxPushedBytes;
        _abort = abort;
        RemoteEndPoint = remoteEndPoint;
        _socket = socket;
        _transport = transport;
    }

    /// <summary>Wraps an accepted socket in pipes (Nagle off: replies are already batched per read).</summary>
    public static Connection ForSocket(Socket socket, long maxPushedBytes)
    {
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        return new Connection(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)),
            maxPushedBytes,
            socket.Close,
            socket.RemoteEndPoint,
            socket,
            stream);
    }

    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    public EndPoint? RemoteEndPoint { get; }

    public PipeReader Input { get; }

    /// <summary>Replies are encoded straight into this writer during a read batch; the read loop flushes it.</summary>
    public PipeWriter Output { get; }

    /// <summary>
    /// The frames this connection receives. Each read is framed and every complete frame is emitted
    /// synchronously; when downstream has handled them all, pushes are written and the output is
    /// flushed once. A flush that cannot complete (the client is not reading) stops further reads, so a
    /// slow client only ever slows itself.
    /// </summary>
    public IObservable<TFrame> ReceivedFrames<TFrame>(IFramer<TFrame> framer) =>
        Observable.Create<TFrame>(async (observer, cancellation) =>
        {
            await using var wake = cancellation.Register(Input.CancelPendingRead);
            try
            {
                await ReadLoopAsync(framer, observer, cancellation);
            }
            catch (Exception error)
            {
                // Delivered here rather than by Rx, so the session has handled it before the loop counts as stopped.
                observer.OnError(error);
            }
            finally
            {
                _readLoopStopped.TrySetResult();
            }
        });

    /// <summary>
    /// Completes when the read loop has stopped and its subscriber has seen the end of the stream, so nobody
    /// else touches the pipes while it runs.
    /// </summary>
    public Task ReadLoopStopped => _readLoopStopped.Task;

    private async Task ReadLoopAsync<TFrame>(IFramer<TFrame> framer, IObserver<TFrame> observer, CancellationToken cancellation)
    {
        while (true)
        {
            var read = await Input.ReadAsync();
            var buffer = read.Buffer;
            try
            {
                while (!_closeRequested && framer.TryReadFrame(ref buffer, out var frame))
                {
                    observer.OnNext(frame);

                    // A few bytes of pipelined GETs can ask for megabytes of replies: flush (and wait for the
                    // client) as the output grows, instead of buffering a whole batch's replies in memory.
                    if (Output.CanGetUnflushedBytes && Output.UnflushedBytes > MaxUnflushedBytes)
                    {
                        await FlushAsync();
                    }
                }
            }
            finally
            {
                Input.AdvanceTo(buffer.Start, buffer.End);
            }

            await FlushAsync();
            if (_closeRequested || read.IsCompleted || cancellation.IsCancellationRequested)
            {
                break;
            }
        }

        observer.OnCompleted();
    }

    /// <summary>
    /// Queues a message produced outside the read loop (a watched change, a pub/sub message) and wakes
    /// the loop to write it. Safe from any thread. Over the limit, the connection is failed instead.
    /// </summary>
    public void Push(ReadOnlyMemory<byte> message)
    {
        if (_fault is not null || _disposed)
        {
            return;
        }

        if (Interlocked.Add(ref _pushedBytes, message.Length) > _maxPushedBytes)
        {
            // Full fences on both sides (here and around the loop's flush): either this sees the loop flushing,
            // or the loop sees the fault before it blocks.
            Interlocked.CompareExchange(ref _fault, new OutputOverflowException(_maxPushedBytes), null);
            if (Volatile.Read(ref _flushing) == 1)
            {
                // The client is not reading, so it could not read a last error either: drop it now,
                // as Redis does when a client output buffer limit is hit.
                Abort();
            }
            else
            {
                Wake();
            }

            return;
        }

        _pushes.Enqueue(message);
        if (Interlocked.Exchange(ref _wakeRequested, 1) == 0)
        {
            Wake();
        }
    }

    /// <summary>Stops reading after the current frame; what was written so far is still flushed (QUIT).</summary>
    public void CloseAfterReply() => _closeRequested = true;

    /// <summary>Asks the read loop to finish its batch and stop (server shutdown).</summary>
    public void RequestClose()
    {
        _closeRequested = true;
        Wake();
    }

    /// <summary>Drops the connection at once, unsent replies and all (a client that will not read).</summary>
    public void Abort()
    {
        try
        {
            _abort();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Flushes what was written and closes; gives up on a client that will not read within <paramref name="cancellation"/>.</summary>
    public async Task CloseAsync(CancellationToken cancellation)
    {
        await using var abort = cancellation.Register(Abort);
        try
        {
            WritePushes();
            var flush = Output.FlushAsync(cancellation);
            if (Volatile.Read(ref _fault) is not null && !flush.IsCompleted)
            {
                // A client that overflowed and cannot take its last line right away is not waited for.
                Abort();
            }

            await flush;
            _flushedOnClose = true;
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer is already gone or would not read: closing is all that is left.
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _readLoopStopped.TrySetResult();
        try
        {
            await Input.CompleteAsync();

            // After a failed close, completing with an error drops the bytes a gone peer did not take
            // instead of trying to send them again.
            await Output.CompleteAsync(_flushedOnClose ? null : new ConnectionClosedException());
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone; closing is all that is left.
        }
        finally
        {
            if (_transport is not null)
            {
                await _transport.DisposeAsync();
            }
        }
    }

    private async ValueTask FlushAsync()
    {
        Volatile.Write(ref _wakeRequested, 0);
        WritePushes();
        Interlocked.Exchange(ref _flushing, 1);
        try
        {
            if (Volatile.Read(ref _fault) is null)
            {
                await Output.FlushAsync();
            }
        }
        finally
        {
            Interlocked.Exchange(ref _flushing, 0);
        }

        if (_fault is { } fault)
        {
            throw fault;
        }
    }

    private void WritePushes()
    {
        while (_fault is null && _pushes.TryDequeue(out var message))
        {
            Output.Write(message.Span);
            Interlocked.Add(ref _pushedBytes, -message.Length);
        }
    }

    // Pushes come from other threads and may race with the connection closing; a closed pipe needs no waking.
    private void Wake()
    {
        try
        {
            Input.CancelPendingRead();
        }
        catch (Exception error) when (error is ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private sealed class ConnectionClosedException() : IOException("the connection is closed");
}
