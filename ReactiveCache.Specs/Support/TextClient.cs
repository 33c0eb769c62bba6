using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A raw TCP client for line protocols (native, memcached): send text, read CRLF lines back. Every read
/// waits on a signal (the socket) with a time limit, never on a sleep.
/// </summary>
internal sealed class TextClient : IAsyncDisposable
{
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private TextClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.Latin1);
    }

    public static async Task<TextClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint);
        return new TextClient(tcp);
    }

    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.Latin1.GetBytes(text));

    public async Task<string> ReadLineAsync()
    {
        using var deadline = new CancellationTokenSource(s_readTimeout);
        return await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("the server closed the connection");
    }

    /// <summary>Reads lines up to and including the one equal to <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<string>> ReadUntilAsync(string last)
    {
        var lines = new List<string>();
        do
        {
            lines.Add(await ReadLineAsync());
        }
        while (lines[^1] != last);

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
