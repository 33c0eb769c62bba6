namespace ReactiveCache.Networking;

/// <summary>
/// The socket's stream, counting the bytes that cross it (Redis's net_input/net_output, memcached's bytes_read and
/// bytes_written): per connection, and into its listener's totals. It sits right on the socket, under the pipes and
/// under any TLS stream, so the figures are the bytes on the wire. The pipes read and write it one call at a time.
/// </summary>
internal sealed class CountingStream(Stream socket, ListenerStatistics? listener) : Stream
{
    private long _bytesRead;
    private long _bytesWritten;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public override bool CanRead => socket.CanRead;

    public override bool CanWrite => socket.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    // Nearly every read of an idle client waits: a plain async method would box a state machine per request, so the
    // wait goes through a pooled builder and a read that is already done is counted at once.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = socket.ReadAsync(buffer, cancellationToken);
        return read.IsCompletedSuccessfully ? new ValueTask<int>(CountRead(read.Result)) : CountWhenReadAsync(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> CountWhenReadAsync(ValueTask<int> read) => CountRead(await read);

    public override int Read(byte[] buffer, int offset, int count) => CountRead(socket.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => CountRead(socket.Read(buffer));

    // Writes are counted as they are handed to the socket, so a client that has read a reply finds it counted.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CountWritten(buffer.Length);
        return socket.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        CountWritten(count);
        socket.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CountWritten(buffer.Length);
        socket.Write(buffer);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => socket.FlushAsync(cancellationToken);

    public override void Flush() => socket.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => socket.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CountRead(int read)
    {
        if (read > 0)
        {
            Interlocked.Add(ref _bytesRead, read);
            listener?.Read(read);
        }

        return read;
    }

    private void CountWritten(int written)
    {
        Interlocked.Add(ref _bytesWritten, written);
        listener?.Written(written);
    }
}
