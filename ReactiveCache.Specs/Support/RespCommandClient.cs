using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A small RESP2 client for asking a real server over a real socket (CONFIG GET/SET/REWRITE, AUTH, PING): sends each
/// command as a multibulk, reads one reply as text (a simple or bulk string, an integer, an error with its '-', or an
/// array as its elements), with a timeout on every read so a spec never hangs.
/// </summary>
internal sealed class RespCommandClient : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RespCommandClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<RespCommandClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(s_wait);
        return new RespCommandClient(socket);
    }

    /// <summary>Sends one command and reads its reply; an array comes back as its elements, anything else as one.</summary>
    public async Task<string[]> AskAsync(params string[] words)
    {
        var request = new StringBuilder($"*{words.Length}\r\n");
        foreach (var word in words)
        {
            request.Append($"${Encoding.UTF8.GetByteCount(word)}\r\n{word}\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var line = await ReadLineAsync();
        if (line[0] != '*')
        {
            return [await ValueAsync(line)];
        }

        var count = int.Parse(line[1..]);
        var elements = new string[Math.Max(count, 0)];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = await ValueAsync(await ReadLineAsync());
        }

        return elements;
    }

    /// <summary>CONFIG GET's pairs as a dictionary.</summary>
    public async Task<Dictionary<string, string>> ConfigGetAsync(string pattern)
    {
        var pairs = await AskAsync("CONFIG", "GET", pattern);
        return Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[2 * i + 1]);
    }

    /// <summary>Waits (up to the read timeout) for the server to close the connection without a reply; false if a line came.</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        try
        {
            return await _reader.ReadLineAsync().WaitAsync(s_wait) is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private async Task<string> ValueAsync(string line)
    {
        if (line[0] != '$')
        {
            return line[0] is '+' or ':' ? line[1..] : line;
        }

        var length = int.Parse(line[1..]);
        if (length < 0)
        {
            return "(nil)";
        }

        var buffer = new char[length];
        var read = 0;
        while (read < length)
        {
            read += await _reader.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(s_wait);
        }

        await ReadLineAsync();
        return new string(buffer);
    }

    private async Task<string> ReadLineAsync() =>
        await _reader.ReadLineAsync().WaitAsync(s_wait) ?? throw new IOException("the server closed the connection");
}
