using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Tls;

/// <summary>
/// Real clients over TLS on each protocol's TLS port, with a password: redis-cli --tls, StackExchange.Redis with
/// ssl=true, pymemcache with a TLS context, and the native protocol over .NET's SslStream. Clients present the
/// spec CA's client certificate, as Redis's default tls-auth-clients yes asks; the server reads PEM files.
/// </summary>
[Category("Integration")]
public sealed class TlsClientSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly TestCertificates _certificates = TestCertificates.Shared;
    private CacheServer _server = null!;

    [SetUp]
    public void StartServer() =>
        _server = CacheServer.Start(new CacheServerOptions
        {
            Port = null,
            MemcachedPort = null,
            RespPort = null,
            RequirePass = "secret",
            Tls = new TlsOptions
            {
                RespPort = 0,
                Port = 0,
                MemcachedPort = 0,
                CertificateFile = _certificates.ServerCertFile,
                KeyFile = _certificates.ServerKeyFile,
                CaCertificateFile = _certificates.CaFile,
            },
        });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Redis_cli_over_TLS_authenticates_then_sets_and_gets()
    {
        var redisCli = DebianPackage.Require("redis-cli", "redis-tools");

        var run = await ExternalProcess.RunAsync(redisCli, RedisCliTls(), s_timeout, "PING\nAUTH secret\nPING\nSET greeting hello\nGET greeting\n");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Is.EqualTo(new[] { "NOAUTH Authentication required.", "OK", "PONG", "OK", "hello" }), run.ToString());
    }

    [Test]
    public async Task StackExchange_Redis_with_ssl_true_sets_and_gets()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{_server.TlsRespEndPoint!.Port},ssl=true,password=secret,sslHost=localhost");
        options.CertificateValidation += (_, certificate, _, _) => _certificates.IsSignedByCa(certificate);
        options.CertificateSelection += (_, _, _, _, _) => _certificates.Client;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var db = redis.GetDatabase();

        await db.StringSetAsync("greeting", "hello over tls");

        Assert.That((string?)await db.StringGetAsync("greeting"), Is.EqualTo("hello over tls"));
        Assert.That(_server.Store.Get("greeting"), Is.EqualTo("hello over tls"));
    }

    [Test]
    public async Task Pymemcache_with_a_TLS_context_authenticates_sets_gets_and_deletes()
    {
        var python = DebianPackage.RequirePythonModule("pymemcache", "python3-pymemcache");
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integration", "Tls", "tls_pymemcache.py");

        var run = await ExternalProcess.RunAsync(python,
            [script, _server.TlsMemcachedEndPoint!.Port.ToString(), _certificates.CaFile, _certificates.ClientCertFile, _certificates.ClientKeyFile],
            s_timeout);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output.Trim(), Is.EqualTo("ok"), run.ToString());
    }

    [Test]
    public async Task The_native_protocol_over_SslStream_authenticates_puts_and_gets()
    {
        await using var native = await TlsLineClient.ConnectAsync(_server.TlsNativeEndPoint!, _certificates.Client);

        await native.SendLinesAsync("GET k", "AUTH secret", "PUT k v", "GET k");

        Assert.That(await native.ReadLinesAsync(4), Is.EqualTo(new[] { "ERR NOAUTH Authentication required.", "OK", "OK", "VALUE v" }));
    }

    [Test]
    public async Task QUIT_ends_TLS_with_close_notify_so_a_client_can_tell_the_end_from_a_cut_connection()
    {
        var python = DebianPackage.RequirePythonModule("ssl", "python3");
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integration", "Tls", "tls_close_notify.py");

        var run = await ExternalProcess.RunAsync(python,
            [script, _server.TlsRespEndPoint!.Port.ToString(), _certificates.CaFile, _certificates.ClientCertFile, _certificates.ClientKeyFile],
            s_timeout);

        Assert.That(run.Output.Trim(), Is.EqualTo("+OK +OK clean"), run.ToString());
    }

    private string[] RedisCliTls() =>
    [
        "--tls", "--cacert", _certificates.CaFile, "--cert", _certificates.ClientCertFile, "--key", _certificates.ClientKeyFile,
        "-h", "127.0.0.1", "-p", _server.TlsRespEndPoint!.Port.ToString(),
    ];
}
