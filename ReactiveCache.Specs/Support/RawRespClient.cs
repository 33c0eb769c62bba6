using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>A socket that sends exact bytes and reads exact replies, for protocol edge cases no client library would send.</summary>
internal sealed class RawRespClient : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly StringBuilder _received = new();

    public static async Task<RawRespClient> ConnectAsync(IPEndPoint endPoint)
    {
        var client = new RawRespClient();
        await client._socket.ConnectAsync(endPoint);
        return client;
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>This client's end of the socket, as the server should see it as the peer.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Sends one command as a RESP array and reads its reply as <see cref="ReceiveBulkAsync"/> does (a line when it is not a bulk).</summary>
    public async Task<string?> CommandAsync(params string[] arguments)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.Latin1.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await SendAsync(request.ToString());
        return await ReceiveBulkAsync();
    }

    /// <summary>Reads until exactly <paramref name="expected"/> has arrived (or more, or the connection closed) and returns what came.</summary>
    public async Task<string> ReceiveAsync(string expected)
    {
        using var deadline = new CancellationTokenSource(s_wait);
        var buffer = new byte[4096];
        while (_received.Length < expected.Length)
        {
            var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            if (read == 0)
            {
                break;
            }

            _received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        var text = _received.ToString(0, Math.Min(expected.Length, _received.Length));
        _received.Remove(0, text.Length);
        return text;
    }

    /// <summary>Reads one reply line, without its CRLF.</summary>
    public async Task<string> ReceiveLineAsync()
    {
        using var deadline = new CancellationTokenSource(s_wait);
        var buffer = new byte[256];
        int end;
        while ((end = _received.ToString().IndexOf("\r\n", StringComparison.Ordinal)) < 0)
        {
            var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            if (read == 0)
            {
                return _received.ToString();
            }

            _received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        var line = _received.ToString(0, end);
        _received.Remove(0, end + 2);
        return line;
    }

    /// <summary>Reads one bulk string reply (<c>$n</c>, then n bytes) and returns its text; a nil bulk is null.</summary>
    public async Task<string?> ReceiveBulkAsync()
    {
        var header = await ReceiveLineAsync();
        if (!header.StartsWith('$'))
        {
            return header;
        }

        var length = int.Parse(header[1..], System.Globalization.CultureInfo.InvariantCulture);
        if (length < 0)
        {
            return null;
        }

        var body = await ReceiveAsync(new string(' ', length + 2));
        return body[..length];
    }

    /// <summary>True when the server closed the connection (a read returns end of stream) within the wait.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var deadline = new CancellationTokenSource(s_wait);
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                if (await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
