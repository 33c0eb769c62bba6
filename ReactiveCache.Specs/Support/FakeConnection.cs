using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using ReactiveCache.Networking;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A <see cref="Connection"/> over in-memory pipes whose continuations run inline, so the real read loop
/// runs synchronously on whichever thread (or virtual tick) sends the bytes.
/// </summary>
internal sealed class FakeConnection
{
    private static readonly PipeOptions s_inline = new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false);

    private readonly Pipe _toServer = new(s_inline);
    private readonly Pipe _toClient = new(s_inline);
    private readonly StringBuilder _received = new();

    public FakeConnection(long maxPushedBytes = 1024 * 1024)
    {
        Connection = new Connection(_toServer.Reader, _toClient.Writer, maxPushedBytes);
    }

    public Connection Connection { get; }

    /// <summary>Writes bytes as the client would, in one chunk.</summary>
    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    public void Send(byte[] bytes)
    {
        _toServer.Writer.Write(bytes);
        _toServer.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The client hangs up (its half of the connection completes).</summary>
    public void Hangup() => _toServer.Writer.Complete();

    /// <summary>Everything the server has flushed so far, as text.</summary>
    public string Received
    {
        get
        {
            while (_toClient.Reader.TryRead(out var read))
            {
                _received.Append(Encoding.UTF8.GetString(read.Buffer.ToArray()));
                _toClient.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            return _received.ToString();
        }
    }
}
