using System.Reactive.Linq;
using System.Text;
using Microsoft.Reactive.Testing;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A Redis server without sockets, on a virtual clock: each client is a connection served by the real pipeline
/// (<see cref="ServedConnection{TFrame,TCommand,TReply}"/>: read loop, RESP framer with the session's limits, session,
/// encoder, one flush per batch), and replies and pushes come back as the exact bytes a client would read.
/// </summary>
internal sealed class RedisHarness : IDisposable
{
    private readonly CacheStore _store;
    private readonly List<Client> _clients = [];

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

    /// <summary>Connects a client; safe from several threads (specs of concurrent clients).</summary>
    public Client Connect()
    {
        var client = new Client(this);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public void Dispose()
    {
        foreach (var client in Clients())
        {
            client.Disconnect();
        }

        Server.Dispose();
        _store.Dispose();
    }

    /// <summary>
    /// One connection: <see cref="Send"/> returns the reply's bytes; <see cref="Pushed"/> holds the messages pushed to
    /// it, each checked to have arrived on the wire after the replies of its batch.
    /// </summary>
    internal sealed class Client
    {
        private readonly RedisHarness _harness;
        private readonly ServedConnection<RespRequest, RespRequest, RespReply> _served;
        private readonly List<string> _pushed = [];
        private int _pushesOnWire;
        private int _wireRead;

        public Client(RedisHarness harness)
        {
            _harness = harness;
            var protocol = new RespProtocol(harness.Server.Config.RequestLimits);
            RedisSession? opened = null;
            _served = new(
                protocol,
                () => new PushTap<RespRequest, RespReply>(opened = harness.Server.OpenSession(), Record),
                harness.Scheduler,
                framerFor: _ => protocol.CreateFramer(opened!));
        }

        /// <summary>The messages pushed to this client (pub/sub, keyspace events), as the bytes it read for each.</summary>
        public List<string> Pushed
        {
            get
            {
                TakePushesOffTheWire();
                lock (_pushed)
                {
                    return [.. _pushed];
                }
            }
        }

        /// <summary>The connection as bytes, for specs of the pipeline itself.</summary>
        public IServedConnection Wire => _served;

        /// <summary>True once the server closed this connection (QUIT, CLIENT KILL, a broken request).</summary>
        public bool Closed => _served.Closed;

        public string Send(params string[] words)
        {
            TakePushesOffTheWire();
            var wire = Encoding.Latin1.GetString(_served.Exchange(Request(words)));
            _harness.AwaitClosedClients();

            // Pushes made while the batch ran (a RESP3 client's own keyspace event) are written after its replies.
            string pushedDuringBatch;
            lock (_pushed)
            {
                pushedDuringBatch = string.Concat(_pushed.Skip(_pushesOnWire));
                _pushesOnWire = _pushed.Count;
            }

            _wireRead += Encoding.Latin1.GetByteCount(wire);
            if (!wire.EndsWith(pushedDuringBatch, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Pushes {Show(pushedDuringBatch)} were not written after the replies {Show(wire)}.");
            }

            return wire[..^pushedDuringBatch.Length];
        }

        /// <summary>
        /// What the server wrote to this client since its last request without being asked again: the late reply of a
        /// blocked command (served by another client's push, or its timeout on the virtual clock); "" while it waits.
        /// </summary>
        public string ReadLater()
        {
            lock (_pushed)
            {
                var arrived = Encoding.Latin1.GetString(_served.Client.ReceivedSince(_wireRead));
                _wireRead += Encoding.Latin1.GetByteCount(arrived);

                // A late reply travels on the session's push stream, so it was recorded as a push: those that arrived
                // are on the wire now, and the next Send must not look for them again.
                var length = 0;
                while (_pushesOnWire < _pushed.Count && length + _pushed[_pushesOnWire].Length <= arrived.Length)
                {
                    length += _pushed[_pushesOnWire++].Length;
                }

                return arrived;
            }
        }

        /// <summary>
        /// <see cref="ReadLater"/> for a reply built on the thread pool (a big LRANGE): waits, up to ten seconds, for the
        /// complete reply of <paramref name="length"/> bytes to arrive.
        /// </summary>
        public string AwaitLater(int length)
        {
            SpinWait.SpinUntil(() => _served.Client.ReceivedLength - _wireRead >= length, TimeSpan.FromSeconds(10));
            return ReadLater();
        }

        /// <summary>
        /// Sends a command whose reply, of <paramref name="length"/> bytes, may be built on the thread pool (a big one):
        /// the whole reply, whether it came inline or late.
        /// </summary>
        public string SendAwaiting(int length, params string[] words)
        {
            var inline = Send(words);
            return inline + AwaitLater(length - inline.Length);
        }

        public void Disconnect() => _served.Hangup();

        /// <summary>Waits for the server to finish closing a connection it stopped reading (QUIT, CLIENT KILL).</summary>
        internal void AwaitCloseIfStopped() => _served.AwaitCloseIfStopped();

        private static byte[] Request(string[] words)
        {
            var request = new StringBuilder().Append('*').Append(words.Length).Append("\r\n");
            foreach (var word in words)
            {
                request.Append('$').Append(Encoding.Latin1.GetByteCount(word)).Append("\r\n").Append(word).Append("\r\n");
            }

            return Encoding.Latin1.GetBytes(request.ToString());
        }

        private static string Text(RespReply reply) => reply.Value is null ? "" : RespText.Encode(reply.Value, reply.Protocol);

        private static string Show(string text) => "\"" + text.ReplaceLineEndings("\\n") + "\"";

        // A push is made on whichever thread ran the command that caused it (another client's PUBLISH).
        private void Record(RespReply message)
        {
            lock (_pushed)
            {
                _pushed.Add(Text(message));
            }
        }

        // Between this client's own requests the wire carries only pushes (another client's PUBLISH, an expiry on the
        // virtual clock): what arrived must be exactly those messages, in order.
        private void TakePushesOffTheWire()
        {
            lock (_pushed)
            {
                var arrived = Encoding.Latin1.GetString(_served.Client.ReceivedSince(_wireRead));
                var pushed = string.Concat(_pushed.Skip(_pushesOnWire));
                if (arrived != pushed && !Closed)
                {
                    throw new InvalidOperationException($"The wire carried {Show(arrived)} but the session pushed {Show(pushed)}.");
                }

                _wireRead += Encoding.Latin1.GetByteCount(arrived);
                _pushesOnWire = _pushed.Count;
            }
        }
    }

    private void AwaitClosedClients()
    {
        foreach (var client in Clients())
        {
            client.AwaitCloseIfStopped();
        }
    }

    private Client[] Clients()
    {
        lock (_clients)
        {
            return [.. _clients];
        }
    }
}
