using System.Reactive.Linq;
using System.Text;
using Microsoft.Reactive.Testing;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A Redis server without sockets: sessions execute requests against stores on a virtual clock, and
/// replies and pushes come back as the exact bytes a client would read.
/// </summary>
internal sealed class RedisHarness : IDisposable
{
    private readonly CacheStore _store;

    public RedisHarness(RedisSettings? settings = null)
    {
        Scheduler = new TestScheduler();
        Scheduler.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).UtcTicks);
        _store = new CacheStore(scheduler: Scheduler);
        Server = new RedisServer(_store, settings ?? new RedisSettings(), new ServerStatistics(Scheduler.Now), () => ShutdownRequested = true);
    }

    public TestScheduler Scheduler { get; }

    /// <summary>Database 0: the store the native protocol and the in-process API write to.</summary>
    public CacheStore Store => _store;

    public RedisServer Server { get; }

    public bool ShutdownRequested { get; private set; }

    public Client Connect() => new(Server);

    public void Dispose()
    {
        Server.Dispose();
        _store.Dispose();
    }

    /// <summary>One connection: <see cref="Send"/> returns the reply's bytes; <see cref="Pushed"/> collects pushes.</summary>
    internal sealed class Client
    {
        private readonly RedisSession _session;

        public Client(RedisServer server)
        {
            _session = server.OpenSession();
            _session.Pushes.Subscribe(push => Pushed.Add(Text(push)), error => throw error);
        }

        public List<string> Pushed { get; } = [];

        public bool Closed { get; private set; }

        public string Send(params string[] words)
        {
            var reply = _session.Execute(new RespRequest(words.Select(Encoding.Latin1.GetBytes).ToArray()));
            Closed |= reply.EndsSession;
            return Text(reply);
        }

        public void Disconnect() => _session.Dispose();

        private static string Text(RespReply reply) => reply.Value is null ? "" : RespText.Encode(reply.Value, reply.Protocol);
    }
}
