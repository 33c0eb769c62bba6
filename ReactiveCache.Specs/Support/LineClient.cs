using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>A real TCP client speaking a line protocol, as nc or telnet would. Every read has a timeout.</summary>
internal sealed class LineClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private LineClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    public Socket Socket => _tcp.Client;

    public static async Task<LineClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(endPoint).WaitAsync(s_timeout);
        return new LineClient(tcp);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(s_timeout);

    public Task SendLinesAsync(params string[] lines) => SendAsync(string.Concat(lines.Select(line => line + "\r\n")));

    /// <summary>The next line, without its terminator; null when the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync() => await _reader.ReadLineAsync().WaitAsync(s_timeout);

    public async Task<List<string?>> ReadLinesAsync(int count)
    {
        var lines = new List<string?>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(await ReadLineAsync());
        }

        return lines;
    }

    /// <summary>Sends one command line and returns its one-line reply.</summary>
    public async Task<string?> AskAsync(string line)
    {
        await SendLinesAsync(line);
        return await ReadLineAsync();
    }

    /// <summary>Reads lines until the server closes the connection.</summary>
    public async Task<List<string>> ReadToEndAsync()
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Reads lines until the connection ends, whether the server closed it or dropped it (reset).</summary>
    public async Task<List<string>> ReadUntilClosedAsync()
    {
        var lines = new List<string>();
        try
        {
            while (await ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        }
        catch (IOException)
        {
        }

        return lines;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
