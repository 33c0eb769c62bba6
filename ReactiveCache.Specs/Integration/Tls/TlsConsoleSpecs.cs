using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Tls;

/// <summary>
/// The console server started with the tls-* options on its command line (and so with inline socket completions,
/// one socket engine thread): redis-cli --tls is served, and clients that never finish a handshake stall no one.
/// </summary>
[Category("Integration")]
public sealed class TlsConsoleSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly TestCertificates _certificates = TestCertificates.Shared;

    [Test]
    public async Task Serves_redis_cli_over_TLS_beside_plain_RESP_while_fifty_half_handshakes_sit_there()
    {
        var redisCli = DebianPackage.Require("redis-cli", "redis-tools");
        var (plainPort, tlsPort) = (FreePort(), FreePort());
        using var server = ServerProcess.Start(
            "--port", "0", "--resp-port", plainPort.ToString(), "--tls-port", tlsPort.ToString(),
            "--tls-cert-file", _certificates.ServerCertFile, "--tls-key-file", _certificates.ServerKeyFile,
            "--tls-ca-cert-file", _certificates.CaFile, "--tls-handshake-timeout", "600");
        await server.Ready.WaitAsync(s_timeout);
        var stalled = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, tlsPort);
                await client.GetStream().WriteAsync(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 });
                stalled.Add(client);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var plain = await ExternalProcess.RunAsync(redisCli, ["-p", plainPort.ToString(), "PING"], s_timeout);
            var plainTook = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var tls = await ExternalProcess.RunAsync(redisCli,
                [
                    "--tls", "--cacert", _certificates.CaFile, "--cert", _certificates.ClientCertFile, "--key", _certificates.ClientKeyFile,
                    "-p", tlsPort.ToString(), "SET", "k", "over tls",
                ],
                s_timeout);
            var readBack = await ExternalProcess.RunAsync(redisCli, ["-p", plainPort.ToString(), "GET", "k"], s_timeout);

            Assert.That(plain.Output.Trim(), Is.EqualTo("PONG"), plain.ToString());
            Assert.That(tls.Output.Trim(), Is.EqualTo("OK"), tls + server.StandardOutput);
            Assert.That(readBack.Output.Trim(), Is.EqualTo("over tls"), readBack.ToString());
            Assert.That(server.StandardOutput, Does.Contain($"RespProtocol over TLS listening on 127.0.0.1:{tlsPort}"));
            TestContext.Out.WriteLine($"with 50 half handshakes: redis-cli PING on the plain port took {plainTook.TotalMilliseconds:0} ms (process start included)");
        }
        finally
        {
            stalled.ForEach(client => client.Dispose());
        }
    }

    [Test]
    public async Task Exits_1_naming_the_file_when_the_certificate_cannot_be_read()
    {
        var missing = Path.Combine(_certificates.Directory, "missing.pem");
        using var server = ServerProcess.Start(
            "--port", "0", "--tls-port", FreePort().ToString(), "--tls-cert-file", missing, "--tls-key-file", _certificates.ServerKeyFile,
            "--tls-ca-cert-file", _certificates.CaFile);

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(1));
        Assert.That(server.StandardError, Does.Contain("error: tls-cert-file " + missing).And.Not.Contain("   at "));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
