using System.Diagnostics;
using System.Net;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text;
using ReactiveCache.Commands.Redis.Introspection;
using ReactiveCache.Networking;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// One Redis client: runs its requests in order through the command table (processCommand in
/// server.c: look up, arity, authentication, subscriber mode, then the handler) and keeps its state:
/// protocol version, selected database, name, subscriptions.
/// </summary>
internal sealed class RedisSession : ICommandSession<RespRequest, RespReply>, IRespClientLimits
{
    private readonly PushStreams<RedisReply> _pushes = new();

    // CLIENT KILL, from another client's thread: a stream of its own, merged beside the subscriptions' pushes. An
    // AsyncSubject keeps its one message for a late subscriber: the session is listed in CLIENT LIST (and so can be
    // killed) a moment before its connection subscribes to Pushes, and a kill in that moment must not be lost.
    private readonly AsyncSubject<RespReply> _killed = new();

    // Replies that came later (a blocked command's, one built off the socket's thread): written through the push queue,
    // which the connection drains before it executes this client's next command.
    private readonly Subject<RespReply> _lateReplies = new();
    private IDisposable? _lateReply;
    private Task? _pendingReply;
    private int _killRequested;
    private bool _closing;
    private RedisCommand? _current;
    private volatile bool _watchTouched;
    private volatile bool _monitoring;
    private IDisposable? _monitor;

    public RedisSession(RedisServer server, long id)
    {
        Server = server;
        Id = id;
        Channels = new SubscriptionSet(server.Broker.Channel, _pushes);
        Patterns = new SubscriptionSet(server.Broker.Pattern, _pushes);

        // Encoded in the protocol the client speaks when the message is delivered, as Redis does.
        Pushes = _pushes.Merged
            .Select(message => new RespReply(message, Protocol))
            .Merge(_lateReplies)
            .Merge(_killed);
        Authenticated = server.Config.RequirePass is null;
        CreatedAtMs = server.Now;
        LastCommandAtMs = CreatedAtMs;
    }

    public RedisServer Server { get; }

    /// <summary>The connection this client talks through (CLIENT LIST's addr, laddr, fd, buffers); null until attached.</summary>
    public Connection? Connection { get; private set; }

    /// <summary>True once QUIT or a CLIENT KILL of itself asked to close after the reply (CLIENT LIST's flag c).</summary>
    public bool ClosingAfterReply => _closing;

    public long Id { get; }

    /// <summary>2 or 3; changed by HELLO. Replies and pushes are encoded in it.</summary>
    public int Protocol { get; set; } = 2;

    public int DatabaseIndex { get; private set; }

    public CacheStore Store => Server.Databases[DatabaseIndex];

    /// <summary>When a small collection stops being a listpack or intset, as this server is configured now.</summary>
    public EncodingLimits EncodingLimits => Server.EncodingLimits;

    public bool Authenticated { get; set; }

    /// <summary>The limits this connection's framer applies to its next request.</summary>
    public RespLimits Limits => Server.Config.RequestLimits;

    /// <summary>Redis's authRequired: a password is set now and this client has not given it.</summary>
    public bool AuthRequired => !Authenticated && Server.Config.Settings.Access.RequiresPassword;

    public string Name { get; set; } = "";

    public string LibraryName { get; set; } = "";

    public string LibraryVersion { get; set; } = "";

    public long CreatedAtMs { get; }

    public long LastCommandAtMs { get; private set; }

    public string LastCommand { get; private set; } = "NULL";

    /// <summary>The channels this client is subscribed to; each one's messages are a stream merged into <see cref="Pushes"/>.</summary>
    public SubscriptionSet Channels { get; }

    /// <summary>The patterns this client is subscribed to, likewise.</summary>
    public SubscriptionSet Patterns { get; }

    /// <summary>Published messages of every channel and pattern subscribed to, and CLIENT KILL's end of the session.</summary>
    public IObservable<RespReply> Pushes { get; }

    public int SubscriptionCount => Channels.Count + Patterns.Count;

    /// <summary>A subscriber or a MONITOR client: its output is limited as the pubsub class, and it is not timed out.</summary>
    public bool IsSubscriber => SubscriptionCount > 0 || Monitoring;

    /// <summary>True once MONITOR was sent: the client then receives every command others run.</summary>
    public bool Monitoring => _monitoring;

    /// <summary>The client's address as Redis prints it (getClientPeerId): <c>ip:port</c>, <c>[ip]:port</c> for IPv6.</summary>
    public string PeerId { get; private set; } = "";

    /// <summary>Learns the connection this session serves: its address (SLOWLOG, MONITOR) and what CLIENT LIST reports.</summary>
    public void Attach(Connection connection)
    {
        Connection = connection;
        PeerId = FormatPeer(connection.RemoteEndPoint);
    }

    /// <summary>MONITOR: from now on every command run by any client (others' and this one's) is pushed here as a line.</summary>
    public void StartMonitoring()
    {
        if (_monitoring)
        {
            return;
        }

        _monitoring = true;
        _monitor = _pushes.Add(Server.Recorder.Monitor.Commands.Select(static command => (RedisReply)new RedisReply.Simple(MonitorLine.Format(command))));
    }

    /// <summary>Leaves MONITOR mode (RESET), as Redis's resetCommand clears the monitor flag.</summary>
    public void StopMonitoring()
    {
        Interlocked.Exchange(ref _monitor, null)?.Dispose();
        _monitoring = false;
    }

    public bool Killed { get; set; }

    /// <summary>The commands queued since MULTI, or null outside a transaction.</summary>
    public RedisTransaction? Transaction { get; set; }

    /// <summary>Keys WATCHed for the next EXEC, with the version each had when watched.</summary>
    public List<WatchedKey> WatchedKeys { get; } = [];

    /// <summary>Redis's CLIENT_DIRTY_CAS: a watched key changed, so the next EXEC runs nothing. Set from the change stream.</summary>
    public bool WatchTouched
    {
        get => _watchTouched;
        set => _watchTouched = value;
    }

    public bool IsWatching(int database, byte[] key) =>
        WatchedKeys.Exists(watched => watched.Database == database && KeyComparer.Instance.Equals(watched.Key, key));

    /// <summary>Forgets every watched key and whether one was touched (EXEC, DISCARD, UNWATCH, RESET, disconnect).</summary>
    public void Unwatch()
    {
        if (WatchedKeys.Count > 0)
        {
            Server.Watches.RemoveAll(this, WatchedKeys);
        }

        WatchedKeys.Clear();
        WatchTouched = false;
    }

    public RespReply Execute(RespRequest request)
    {
        Server.Statistics.CommandProcessed();
        var reply = Dispatch(request.Arguments);
        if (reply is RedisReply.Later later)
        {
            _pendingReply = AnswerLater(later);
            return new RespReply(null, Protocol);
        }

        _pendingReply = null;
        return new RespReply(reply, Protocol, _closing || Killed);
    }

    /// <summary>The reply this client still waits for (see <see cref="ICommandSession{TCommand, TReply}.PendingReply"/>).</summary>
    public Task? PendingReply => _pendingReply;

    /// <summary>
    /// While this client is blocked (CLIENT LIST's <c>flags=b</c>): ends its wait, as CLIENT UNBLOCK does (true: with
    /// <c>-UNBLOCKED</c>); returns false when the wait was already over. Null otherwise.
    /// </summary>
    public Func<bool, bool>? BlockedIn { get; private set; }

    /// <summary>
    /// Whether a command may answer <see cref="RedisReply.Later"/>: not while EXEC runs its queue, whose replies are
    /// one array now (a blocking command in a transaction does not block, as in Redis).
    /// </summary>
    public bool CanAnswerLater => !RunningTransaction;

    /// <summary>True while EXEC runs the queued commands.</summary>
    public bool RunningTransaction { get; set; }

    /// <summary>MONITOR lines of the commands the running EXEC ran, shown after its write (CommandRecorder.ReleaseHeld).</summary>
    internal List<MonitoredCommand>? HeldForMonitor { get; set; }

    /// <summary>
    /// Builds a big reply on the thread pool instead of the socket's thread, which serves other clients too (see
    /// <see cref="RedisReply.Later"/>); inline when the command cannot answer later. The elements must already be a
    /// snapshot taken under the lock.
    /// </summary>
    /// <remarks>
    /// Cold, and delivered on the pool: the reply is encoded by whoever receives it (the push queue's encoder), so the
    /// encoding, usually the O(n) part, runs there too. <c>Observable.Start</c> would not do: it is hot, and a build
    /// that finished before the session subscribed would hand its reply over inside Subscribe, on the socket's thread.
    /// </remarks>
    public RedisReply OffThread(Func<RedisReply> build) =>
        CanAnswerLater
            ? new RedisReply.Later(Observable.Defer(() => Observable.Return(Refusing(build, static build => build()))).SubscribeOn(System.Reactive.Concurrency.TaskPoolScheduler.Default))
            : build();

    /// <summary>
    /// Runs a command, or a builder that writes after the lock (a STORE form computed on the thread pool), answering the
    /// store's refusals in Redis's words: the one place WRONGTYPE and -OOM are decided, not a failed observable.
    /// </summary>
    private static RedisReply Refusing<TState>(TState state, Func<TState, RedisReply> run)
    {
        try
        {
            return run(state);
        }
        catch (WrongTypeException)
        {
            // The store's typed lookups throw before changing anything.
            return RedisReply.WrongType;
        }
        catch (MemoryLimitExceededException)
        {
            // A growing write found the store full with nothing evictable (the check before the command passed, or
            // the command is not denyoom): the same -OOM, so no path answers differently.
            return RedisReply.OutOfMemory;
        }
    }

    private Task AnswerLater(RedisReply.Later later)
    {
        var sent = new TaskCompletionSource();
        var command = _current;
        BlockedIn = later.Unblock;
        _lateReply = later.Reply.Take(1).Subscribe(
            reply =>
            {
                BlockedIn = null;
                if (reply is RedisReply.Error error && command is not null)
                {
                    // A blocked command that ends in an error (CLIENT UNBLOCK ... ERROR) failed, as in Redis.
                    Server.CommandStatistics.FailedLater(command);
                    Server.Recorder.Refused(error);
                }

                _lateReplies.OnNext(new RespReply(reply, Protocol, _closing || Killed));
            },
            error =>
            {
                BlockedIn = null;
                _lateReplies.OnNext(new RespReply(new RedisReply.Error("ERR " + error.Message), Protocol));
                sent.TrySetResult();
            },
            () => sent.TrySetResult());
        return sent.Task;
    }

    public void Select(int database) => DatabaseIndex = database;

    /// <summary>Closes the connection after the current reply (QUIT).</summary>
    public void CloseAfterReply() => _closing = true;

    /// <summary>Closes this client's connection from another client's command (CLIENT KILL), even while it is idle.</summary>
    public void Kill()
    {
        Killed = true;

        // Two clients may kill this one at once, or one while it closes: the subject is called by one of them only.
        if (Interlocked.Exchange(ref _killRequested, 1) == 0)
        {
            _killed.OnNext(new RespReply(null, Protocol, EndsSession: true));
            _killed.OnCompleted();
        }
    }

    public void Dispose()
    {
        // A client gone while blocked stops waiting: its wait leaves every key's queue, so no push is popped for nobody.
        _lateReply?.Dispose();
        PubSubCommands.UnsubscribeAll(this);
        Unwatch();
        _pushes.Dispose();
        if (Interlocked.Exchange(ref _killRequested, 1) == 0)
        {
            _killed.OnCompleted();
        }

        Server.Clients.TryRemove(Id, out _);
    }

    private RedisReply Dispatch(byte[][] args)
    {
        if (!TryResolve(args, out var command, out var error))
        {
            Transaction?.Fail();
            Server.Recorder.Refused(error!);
            return error!;
        }

        if (Transaction is { } transaction && command.Has(RedisCommandFlags.NoMulti))
        {
            transaction.Fail();
            var refusal = new RedisReply.Error(RespErrors.NotAllowedInMulti);
            Server.Recorder.Refused(refusal);
            return refusal;
        }

        if (Transaction is { } queue && !command.Has(RedisCommandFlags.Transaction))
        {
            return queue.Queue(command, args);
        }

        return Invoke(command, args);
    }

    /// <summary>Runs a command that passed lookup and arity checks (directly, or queued and now run by EXEC).</summary>
    public RedisReply Invoke(RedisCommand command, byte[][] args)
    {
        LastCommand = command.FullName;
        LastCommandAtMs = Server.Now;
        _current = command;

        // One pair of timestamps per command: commandstats, latencystats, the slow log and the latency monitor all
        // read this one duration. The lookups of a read command count as keyspace hits and misses (ReadLookups).
        var outer = ReadLookups.Begin(command.Has(RedisCommandFlags.ReadOnly));
        var started = Stopwatch.GetTimestamp();
        RedisReply reply;
        try
        {
            reply = Refusing((Session: this, Command: command, Args: args), static call => call.Command.Handler!(call.Session, call.Args));
        }
        finally
        {
            ReadLookups.Restore(outer);
        }

        var elapsed = Stopwatch.GetTimestamp() - started;
        Server.Recorder.Called(this, command, args, reply, elapsed);
        Server.Metrics.Counted(command.Index, elapsed);
        return reply;
    }

    /// <summary>processCommand's checks: known command, known subcommand, arity, authentication, subscriber mode.</summary>
    private bool TryResolve(byte[][] args, out RedisCommand command, out RedisReply? error)
    {
        error = null;
        if (!Server.Commands.TryFind(args[0], out command))
        {
            error = UnknownCommand(args);
            return false;
        }

        if (command.Subcommands is { } subcommands && (args.Length >= 2 || command.Handler is null))
        {
            if (args.Length < 2)
            {
                error = RedisArgs.WrongArguments(command.FullName);
                return false;
            }

            if (!subcommands.TryGetValue(Encoding.UTF8.GetString(args[1]), out var subcommand))
            {
                error = new RedisReply.Error(string.Format(RespErrors.UnknownSubcommand, Shorten(args[1]), command.Name.ToUpperInvariant()));
                return false;
            }

            command = subcommand;
        }

        if (!command.AcceptsArgumentCount(args.Length))
        {
            // rejectCommand in server.c: a known command refused before it ran counts as rejected_calls.
            Server.CommandStatistics.Reject(command);
            error = RedisArgs.WrongArguments(command.FullName);
            return false;
        }

        if (!Authenticated && !command.Has(RedisCommandFlags.NoAuth))
        {
            if (Server.Config.RequirePass is not null)
            {
                Server.CommandStatistics.Reject(command);
                error = new RedisReply.Error(RespErrors.NoAuth);
                return false;
            }

            Authenticated = true;
        }

        if (OutOfMemoryCheck.Refusal(this, command) is { } refusal)
        {
            error = refusal;
            return false;
        }

        if (Protocol == 2 && SubscriptionCount > 0 && !command.Has(RedisCommandFlags.AllowedWhileSubscribed))
        {
            Server.CommandStatistics.Reject(command);
            error = RedisArgs.Error(RespErrors.SubscribeContext, command.FullName);
            return false;
        }

        return true;
    }

    // "unknown command 'x', with args beginning with: 'a' 'b' " as in processCommand: arguments until 128 characters.
    private static RedisReply UnknownCommand(byte[][] args)
    {
        var beginning = new StringBuilder();
        for (var i = 1; i < args.Length && beginning.Length < 128; i++)
        {
            var text = Encoding.UTF8.GetString(args[i]);
            var room = 128 - beginning.Length;
            beginning.Append('\'').Append(text.Length > room ? text[..room] : text).Append("' ");
        }

        return new RedisReply.Error(string.Format(RespErrors.UnknownCommand, Shorten(args[0]), beginning));
    }

    private static string FormatPeer(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { Address.AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ip when !ip.Address.IsIPv4MappedToIPv6 => $"[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"{(ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address)}:{ip.Port}",
        null => "",
        _ => endPoint.ToString() ?? "",
    };

    private static string Shorten(byte[] name)
    {
        var text = Encoding.UTF8.GetString(name);
        return text.Length > 128 ? text[..128] : text;
    }
}
