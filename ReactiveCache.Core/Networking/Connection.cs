using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Reactive.Concurrency;
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

    internal const string SecondReadLoop =
        "Connection.ReceivedFrames was subscribed to twice; a connection has one read loop. Share its frames with Publish.";

    // Socket completions run inline, so a socket's read batch runs on an epoll thread that serves other sockets too.
    // A batch that has worked this long moves itself to the thread pool, so an expensive pipeline (thousands of
    // WATCH ... FROM, KEYS over a big store) delays only its own client. (In-memory pipes in specs stay inline.)
    private static readonly TimeSpan s_inlineBudget = TimeSpan.FromMilliseconds(1);

    private static long s_nextId;

    private readonly Socket? _socket;
    private readonly IAsyncDisposable? _transport;
    private readonly ConcurrentQueue<ReadOnlyMemory<byte>> _pushes = new();
    private readonly ClientLimits _limits;
    private readonly IScheduler _clock;
    private readonly TaskCompletionSource _readLoopStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pushedBytes;
    private long _inputHeldBytes;
    private long _flushingBytes;
    private long _lastActivityTicks;
    private int _wakeRequested;
    private volatile bool _closeRequested;
    private Exception? _fault;
    private volatile bool _disposed;
    private int _flushing;
    private int _readLoopStarted;
    private Task? _waitingForReply;
    private bool _flushedOnClose;
    private readonly Action _abort;
    private CountingStream? _wire;

    /// <summary>
    /// A connection over any pair of pipes: an in-memory one in specs, a socket's in the server.
    /// <c>abort</c> drops the transport at once, for a client that will not read; <c>clock</c> times its
    /// activity (the store's scheduler, so a TestScheduler drives idle timeouts in specs).
    /// </summary>
    internal Connection(PipeReader input, PipeWriter output, ClientLimits limits, IScheduler clock, Action abort, EndPoint? remoteEndPoint = null, Socket? socket = null, IAsyncDisposable? transport = null)
    {
        Input = input;
        Output = output;
        _limits = limits;
        _clock = clock;
        ConnectedAt = clock.Now;
        _lastActivityTicks = ConnectedAt.UtcTicks;
        _abort = abort;
        RemoteEndPoint = remoteEndPoint;
        _socket = socket;
        _transport = transport;
    }

    /// <summary>
    /// Wraps an accepted socket in pipes (Nagle off: replies are already batched per read), counting the bytes it
    /// reads and writes into <paramref name="listener"/>'s totals.
    /// </summary>
    public static Connection ForSocket(Socket socket, ClientLimits limits, IScheduler clock, ListenerStatistics? listener = null)
    {
        socket.NoDelay = true;
        var wire = new CountingStream(new NetworkStream(socket, ownsSocket: true), listener);
        return ForStream(socket, wire, wire, limits, clock, listener);
    }

    /// <summary>
    /// Wraps a stream over an accepted socket (TLS's SslStream) in pipes; disposing the stream closes the socket.
    /// <paramref name="wire"/> is the counting stream on the socket itself, under any TLS.
    /// </summary>
    public static Connection ForStream(Socket socket, Stream stream, CountingStream wire, ClientLimits limits, IScheduler clock, ListenerStatistics? listener) =>
        new(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)),
            limits,
            clock,
            socket.Close,
            socket.RemoteEndPoint,
            socket,
            stream)
        {
            _wire = wire,
            Listener = listener,
            LocalEndPoint = socket.LocalEndPoint,
            Handle = socket.Handle.ToInt64(),
        };

    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The server's end of the socket (Redis's laddr, memcached's listen_addr); null for an in-memory connection.</summary>
    public EndPoint? LocalEndPoint { get; private init; }

    /// <summary>The socket's descriptor (CLIENT LIST's fd, the key of memcached's <c>stats conns</c>); -1 without a socket.</summary>
    public long Handle { get; private init; } = -1;

    /// <summary>When the connection was accepted, on the clock's time.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>The listener whose totals this connection's traffic counts into; null for an in-memory connection.</summary>
    public ListenerStatistics? Listener { get; private init; }

    /// <summary>Bytes read from the socket so far (0 for an in-memory connection).</summary>
    public long BytesRead => _wire?.BytesRead ?? 0;

    /// <summary>Bytes written to the socket so far (0 for an in-memory connection).</summary>
    public long BytesWritten => _wire?.BytesWritten ?? 0;

    /// <summary>Input read but not yet executed, and what the framer keeps of an unfinished request (Redis's qbuf).</summary>
    public long InputHeldBytes => Volatile.Read(ref _inputHeldBytes);

    /// <summary>True while a flush waits for the client to take its output (Redis's <c>events=rw</c>, memcached's conn_mwrite).</summary>
    public bool IsWriting => Volatile.Read(ref _flushing) == 1;

    /// <summary>
    /// Set by a session that can answer in parts (a memcached key dump too big to hold at once): after each frame it
    /// writes the next part of its reply and answers true, or answers false when it owes nothing more. The loop asks
    /// again after every part and flushes as the output grows, waiting for the client as it does for any big reply,
    /// so a dump of millions of keys takes bounded memory, and no further frame is handled until the reply is done.
    /// </summary>
    public Func<bool>? ReplyParts { get; set; }

    public PipeReader Input { get; }

    /// <summary>Replies are encoded straight into this writer during a read batch; the read loop flushes it.</summary>
    public PipeWriter Output { get; }

    /// <summary>
    /// True while the session is a subscriber (Redis pub/sub, native WATCH): its output obeys the pubsub class's
    /// limit instead of the normal one, and it is exempt from the idle timeout, as in Redis. Read from any thread.
    /// </summary>
    public Func<bool> IsSubscriber { get; set; } = static () => false;

    /// <summary>
    /// The reply the session still owes for the frame just handled (<see cref="Commands.ICommandSession{TCommand, TReply}.PendingReply"/>):
    /// while it is pending the loop handles no further frame, but goes on reading, so a peer that closes is noticed.
    /// </summary>
    public Func<Task?> PendingReply { get; set; } = static () => null;

    /// <summary>True while the connection waits for a reply its session owes (a blocked client): exempt from the idle timeout, as in Redis.</summary>
    public bool IsWaitingForReply => Volatile.Read(ref _waitingForReply) is not null;

    /// <summary>The most input a waiting connection holds unexecuted before it is closed (Redis's client-query-buffer-limit default).</summary>
    internal long MaxInputWhileWaiting { get; set; } = 1024L * 1024 * 1024;

    /// <summary>When the client last sent bytes or took a reply that had to wait for it, on the clock's ticks.</summary>
    public long LastActivityTicks => Volatile.Read(ref _lastActivityTicks);

    /// <summary>Output not yet taken by the client: what a flush is waiting to send plus pushed messages queued.</summary>
    public long PendingOutputBytes => Volatile.Read(ref _flushingBytes) + Interlocked.Read(ref _pushedBytes);

    /// <summary>
    /// What this client's buffers hold now (maxmemory-clients): input read but not yet executed, what the framer
    /// keeps of an unfinished request, and <see cref="PendingOutputBytes"/>. Sampled once per read, not per byte.
    /// </summary>
    public long MemoryBytes => Volatile.Read(ref _inputHeldBytes) + PendingOutputBytes;

    /// <summary>
    /// Since when the output has been over its class's soft limit (ticks), or 0. Owned by the one sweep that
    /// checks the limits; nothing else reads or writes it.
    /// </summary>
    internal long OverSoftLimitSinceTicks { get; set; }

    /// <summary>True once a limit or a broken stream ended this connection; it is on its way out.</summary>
    public bool Failed => Volatile.Read(ref _fault) is not null;

    /// <summary>
    /// The frames this connection receives. Each read is framed and every complete frame is emitted
    /// synchronously; when downstream has handled them all, pushes are written and the output is
    /// flushed once. A flush that cannot complete (the client is not reading) stops further reads, so a
    /// slow client only ever slows itself.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>A frame lives for its <c>OnNext</c>.</b> Frames are not copied: a frame that holds bytes (a native line, a
    /// memcached command line) points into the pipe's receive buffer, which the loop hands back to the pipe
    /// (<c>PipeReader.AdvanceTo</c>) after the batch. Copy or parse what you need inside <c>OnNext</c>, and put nothing
    /// that defers delivery (<c>ObserveOn</c>, <c>Buffer</c>, <c>Delay</c>, <c>Window</c>, a list kept for later) before
    /// that copy, as with Kestrel's <c>ReadResult</c>. What a frame type says it owns may be kept: a RESP request's
    /// arguments and a memcached data block are arrays copied once out of the buffer. In Debug builds a frame read
    /// after its <c>OnNext</c> returned throws <see cref="InvalidOperationException"/> instead of reading reclaimed
    /// memory; Release builds pay nothing for that check.
    /// </para>
    /// <para>
    /// <b>One subscription per connection.</b> Subscribing starts the connection's only read loop; a second
    /// subscription (or a resubscription, as <c>Retry</c> or <c>Repeat</c> would make) gets
    /// <see cref="InvalidOperationException"/> through <c>OnError</c> and reads nothing. Share the frames with
    /// <c>Publish</c> if more than one stage needs them.
    /// </para>
    /// </remarks>
    public IObservable<TFrame> ReceivedFrames<TFrame>(IFramer<TFrame> framer) =>
        Observable.Create<TFrame>(async (observer, cancellation) =>
        {
            if (Interlocked.Exchange(ref _readLoopStarted, 1) == 1)
            {
                observer.OnError(new InvalidOperationException(SecondReadLoop));
                return;
            }

            await using var wake = cancellation.Register(Input.CancelPendingRead);
            try
            {
#if DEBUG
                var checkedFrames = new FrameLifetimeCheck<TFrame>(framer, observer);
                await ReadLoopAsync(checkedFrames, checkedFrames, cancellation);
#else
                await ReadLoopAsync(framer, observer, cancellation);
#endif
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
            if (!read.IsCanceled)
            {
                // One clock read per read batch, not per command: what the idle timeout needs.
                Volatile.Write(ref _lastActivityTicks, _clock.Now.UtcTicks);
            }

            // Pushes queued before these bytes were read go out before their replies (Redis writes a message published
            // before UNSUBSCRIBE ahead of its confirmation); those made while the batch runs follow its replies.
            if (Interlocked.Read(ref _pushedBytes) != 0)
            {
                WritePushes();
            }

            var batchStarted = Stopwatch.GetTimestamp();
            var offloaded = false;
            Task? owed = null;
            try
            {
                while (!_closeRequested && _fault is null && framer.TryReadFrame(ref buffer, out var frame))
                {
                    observer.OnNext(frame);
                    if (ReplyParts is { } parts)
                    {
                        await WriteReplyPartsAsync(parts);
                    }

                    if (PendingReply() is { IsCompleted: false } pending)
                    {
                        // The rest of the batch waits for this reply; the bytes stay in the pipe until then.
                        owed = pending;
                        break;
                    }

                    if (!offloaded && _socket is not null && Stopwatch.GetElapsedTime(batchStarted) > s_inlineBudget)
                    {
                        offloaded = true;
                        await Task.Yield();
                    }

                    // A few bytes of pipelined GETs can ask for megabytes of replies: flush (and wait for the
                    // client) as the output grows, instead of buffering a whole batch's replies in memory.
                    if (Output.CanGetUnflushedBytes && Output.UnflushedBytes > MaxUnflushedBytes)
                    {
                        CheckHardOutputLimit(Output.UnflushedBytes);
                        await FlushAsync();
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _inputHeldBytes, buffer.Length + framer.HeldBytes);
                Input.AdvanceTo(buffer.Start, buffer.End);
            }

            await FlushAsync();
            if (owed is not null)
            {
                if (!await AwaitReplyAsync(owed, cancellation))
                {
                    break;
                }

                continue;
            }

            if (_closeRequested || read.IsCompleted || cancellation.IsCancellationRequested)
            {
                break;
            }
        }

        observer.OnCompleted();
    }

    private async ValueTask WriteReplyPartsAsync(Func<bool> nextPart)
    {
        // Almost every frame owes no parts: asking is one call on the socket's thread, and only a reply that has more
        // (a key dump) goes off it, so it delays only its own client.
        if (_closeRequested || _fault is not null || !nextPart())
        {
            return;
        }

        do
        {
            // Off the socket's thread for every part: a flush that waited resumes on it (completions run inline).
            if (_socket is not null && !Thread.CurrentThread.IsThreadPoolThread)
            {
                await Task.Yield();
            }

            if (Output.CanGetUnflushedBytes && Output.UnflushedBytes > MaxUnflushedBytes)
            {
                CheckHardOutputLimit(Output.UnflushedBytes);
                await FlushAsync();
            }
        }
        while (!_closeRequested && _fault is null && nextPart());
    }

    /// <summary>
    /// Waits for a reply the session owes while still reading, so a peer that closes (or a kill, a shutdown) ends the
    /// wait; what it sends meanwhile is kept, up to <see cref="MaxInputWhileWaiting"/>, and handled afterwards. Returns
    /// false when the connection should stop instead. Nothing runs on the socket's thread while it waits.
    /// </summary>
    private async Task<bool> AwaitReplyAsync(Task owed, CancellationToken cancellation)
    {
        Volatile.Write(ref _waitingForReply, owed);
        _ = owed.ContinueWith(static (_, state) => ((Connection)state!).Wake(), this, TaskContinuationOptions.ExecuteSynchronously);
        try
        {
            while (true)
            {
                var read = await Input.ReadAsync();
                var held = read.Buffer.Length;
                if (owed.IsCompleted && !read.IsCompleted)
                {
                    // Nothing examined: the loop's next read returns these bytes at once. The reply is out first.
                    Input.AdvanceTo(read.Buffer.Start);
                    await FlushAsync();
                    return true;
                }

                Input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                Volatile.Write(ref _inputHeldBytes, held);
                if (read.IsCompleted || _closeRequested || _fault is not null || cancellation.IsCancellationRequested)
                {
                    return false;
                }

                if (held > MaxInputWhileWaiting)
                {
                    throw new QueryBufferOverflowException(MaxInputWhileWaiting);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _waitingForReply, null);
        }
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

        var pending = Interlocked.Add(ref _pushedBytes, message.Length) + Volatile.Read(ref _flushingBytes);
        var limit = _limits.OutputLimitFor(IsSubscriber());
        if (limit.IsOverHard(pending))
        {
            Fail(new OutputOverflowException(limit.HardBytes));
            return;
        }

        _pushes.Enqueue(message);
        if (Interlocked.Exchange(ref _wakeRequested, 1) == 0)
        {
            Wake();
        }
    }

    /// <summary>
    /// Ends the connection for a limit it broke, from any thread: it reads no further, and its session gets
    /// <paramref name="reason"/> as its error (the protocol's last words). A client that is not reading could not
    /// read those either, so it is dropped at once, as Redis drops a client over its output buffer limit.
    /// </summary>
    public void Fail(Exception reason)
    {
        // Full fences on both sides (here and around the loop's flush): either this sees the loop flushing,
        // or the loop sees the fault before it blocks.
        Interlocked.CompareExchange(ref _fault, reason, null);
        if (Volatile.Read(ref _flushing) == 1)
        {
            Abort();
        }
        else
        {
            Wake();
        }
    }

    /// <summary>Closes a client that sent nothing for the idle timeout: quietly, as Redis does.</summary>
    public void CloseIdle()
    {
        if (Volatile.Read(ref _flushing) == 1)
        {
            // Waiting for a client that does not read: there is no batch to finish.
            Abort();
        }
        else
        {
            RequestClose();
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
            if (Volatile.Read(ref _fault) is OutputOverflowException && Output.CanGetUnflushedBytes && Output.UnflushedBytes > MaxUnflushedBytes)
            {
                // A reply over the output limit is not sent after all: the client is dropped with it.
                Abort();
                await DisposeAsync();
                return;
            }

            var flush = Output.FlushAsync(cancellation);
            if (Volatile.Read(ref _fault) is not null && !flush.IsCompleted)
            {
                // A client that overflowed and cannot take its last line right away is not waited for.
                Abort();
            }

            await flush;
            _flushedOnClose = true;
            if (_transport is SslStream tls)
            {
                // TLS's close_notify, so the client can tell the end from a cut connection.
                await tls.ShutdownAsync();
            }

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
        Volatile.Write(ref _flushingBytes, Output.CanGetUnflushedBytes ? Output.UnflushedBytes : 0);
        Interlocked.Exchange(ref _flushing, 1);
        try
        {
            if (Volatile.Read(ref _fault) is null)
            {
                var flush = Output.FlushAsync();
                var waited = !flush.IsCompleted;
                await flush;
                if (waited)
                {
                    // A client that takes a slow reply is active, as in Redis (a write that sent bytes).
                    Volatile.Write(ref _lastActivityTicks, _clock.Now.UtcTicks);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _flushing, 0);
            Volatile.Write(ref _flushingBytes, 0);
        }

        if (_fault is { } fault)
        {
            throw fault;
        }
    }

    // Checked only when a batch's replies pass the flush threshold, so a normal GET/SET pays nothing for it.
    private void CheckHardOutputLimit(long unflushedBytes)
    {
        var limit = _limits.OutputLimitFor(IsSubscriber());
        if (limit.IsOverHard(unflushedBytes + Interlocked.Read(ref _pushedBytes)))
        {
            Interlocked.CompareExchange(ref _fault, new OutputOverflowException(limit.HardBytes), null);
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
