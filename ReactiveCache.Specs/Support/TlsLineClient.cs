using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A line-protocol client over TLS with .NET's <see cref="SslStream"/>, trusting the spec's CA, presenting
/// <c>certificate</c> when given. Every read has a timeout.
/// </summary>
internal sealed class TlsLineClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly StreamReader _reader;

    private TlsLineClient(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
        _reader = new StreamReader(tls, new UTF8Encoding(false));
    }

    public SslProtocols Protocol => _tls.SslProtocol;

    public static async Task<TlsLineClient> ConnectAsync(
        IPEndPoint endPoint, X509Certificate2? certificate = null, SslProtocols protocols = SslProtocols.None)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(endPoint).WaitAsync(s_timeout);
        var certificates = TestCertificates.Shared;
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocols,
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, server, _, _) => certificates.IsSignedByCa(server),
            }).WaitAsync(s_timeout);
        }
        catch
        {
            await tls.DisposeAsync();
            tcp.Dispose();
            throw;
        }

        return new TlsLineClient(tcp, tls);
    }

    public async Task SendLinesAsync(params string[] lines) =>
        await _tls.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\r\n")))).AsTask().WaitAsync(s_timeout);

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

    public async Task<string?> AskAsync(string line)
    {
        await SendLinesAsync(line);
        return await ReadLineAsync();
    }

    /// <summary>
    /// The reply to <paramref name="line"/>, or null when the server ended the connection instead (TLS 1.3 clients
    /// learn that their certificate was refused only on their first read).
    /// </summary>
    public async Task<string?> AskOrRefusedAsync(string line)
    {
        try
        {
            return await AskAsync(line);
        }
        catch (Exception error) when (error is IOException or AuthenticationException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
