using System.Reactive.Linq;
using ReactiveCache.Protocols.Native;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Native;

/// <summary>
/// Executes the native protocol's commands against the store. Each WATCH is a subscription to the store's public
/// <see cref="CacheStore.ChangesSince"/>, merged into <see cref="Pushes"/>, which the connection writes after its
/// current replies. While the server has a password and this client has not given it, only AUTH, HELP and QUIT run
/// (as Redis lets AUTH, HELLO and QUIT through); everything else, PING included, gets
/// <c>ERR NOAUTH Authentication required.</c>
/// </summary>
internal sealed class NativeSession(
    CacheStore store, ServerStatistics statistics, ServerAccess access, int maxWatches = NativeSession.DefaultMaxWatches, CommandMeter? meter = null)
    : ICommandSession<Command, Reply>
{
    /// <summary>
    /// WATCHes one connection may hold. Each is a subscriber every write is offered to, so without a bound one
    /// client could make every other client's writes slow.
    /// </summary>
    public const int DefaultMaxWatches = 128;

    private static readonly Reply s_noAuth = new Reply.Error(NativeErrors.NoAuth);
    private static readonly Reply s_wrongPass = new Reply.Error(NativeErrors.WrongPass);
    private static readonly Reply s_authWithoutPassword = new Reply.Error(NativeErrors.AuthWithoutPassword);
    private static readonly Reply s_outOfMemory = new Reply.Error(NativeErrors.OutOfMemory);
    private readonly PushStreams<Reply> _pushes = new();

    // UNWATCH ends every watch of the connection at once; each watch's stream runs until it.
    private readonly List<IDisposable> _watches = [];
    private bool _watching;

    // Decided at connect, as in Redis: a password set later binds only clients that connect after it.
    private bool _authenticated = !access.RequiresPassword;

    private readonly CommandMeter _meter = meter ?? new CommandMeter("native", NativeCommandNames.All);

    public Reply Execute(Command command) =>
        _meter.Measured(NativeCommandNames.IndexOf(command), (Session: this, Command: command), static call => call.Session.Run(call.Command));

    private Reply Run(Command command)
    {
        statistics.CommandProcessed();
        if (!_authenticated && command is not (Command.Auth or Command.Help or Command.Quit or Command.Invalid))
        {
            if (access.RequiresPassword)
            {
                return s_noAuth;
            }

            _authenticated = true;
        }

        try
        {
            return Dispatch(command);
        }
        catch (WrongTypeException wrongType)
        {
            return new Reply.Error(string.Format(NativeErrors.WrongType, TypeName(wrongType.Found)));
        }
        catch (MemoryLimitExceededException)
        {
            // Only PUT adds data; EXPIRE, PERSIST and DEL are never refused.
            return s_outOfMemory;
        }
    }

    private static string TypeName(ValueKind kind) => kind.ToString().ToLowerInvariant();

    private Reply Dispatch(Command command)
    {
        return command switch
        {
            Command.Auth auth => Authenticate(auth.Password),
            Command.Get get => Get(get.Key),
            Command.Put put => Put(put.Key, put.Value),
            Command.Delete delete => store.Delete(delete.Key) ? Reply.Deleted : Reply.NotFound,
            Command.Expire expire => Expire(expire.Key, expire.Seconds),
            Command.TimeToLive ttl => TimeToLive(ttl.Key),
            Command.Persist persist => Persist(persist.Key),
            Command.ListKeys keys => new Reply.KeyList(store.ReadKeys(keys.Glob)),
            Command.Watch watch => Watch(watch.Glob, watch.FromSequence),
            Command.Unwatch => Unwatch(),
            Command.Ping => Reply.Pong,
            Command.Stats => new Reply.StatList(Stats()),
            Command.Help => new Reply.HelpText(NativeHelp.Lines),
            Command.Quit => Reply.Bye,
            Command.Invalid invalid => new Reply.Error(invalid.Error),
            _ => new Reply.Error(NativeErrors.UnknownCommand),
        };
    }

    // A watcher only listens: exempt from the idle timeout and limited as Redis limits pub/sub clients.
    public bool IsSubscriber => Volatile.Read(ref _watching);

    public IObservable<Reply> Pushes => _pushes.Merged;

    public void Dispose()
    {
        Unwatch();
        _pushes.Dispose();
    }

    // A wrong password leaves an authenticated client authenticated, as Redis's AUTH does.
    private Reply Authenticate(byte[] password)
    {
        if (!access.RequiresPassword)
        {
            return s_authWithoutPassword;
        }

        if (!access.IsPassword(password))
        {
            return s_wrongPass;
        }

        _authenticated = true;
        return Reply.Ok;
    }

    private Reply Get(byte[] key) => store.TryGet(key, out var value) ? new Reply.Value(value) : Reply.NotFound;

    private Reply Put(byte[] key, byte[] value)
    {
        store.Write(new PutArgs(key, value), static (writer, args) =>
            writer.SetString(args.Key, args.Value, CacheEntry.NoExpiry, ChangeReason.Set));
        return Reply.Ok;
    }

    private Reply Expire(byte[] key, long seconds)
    {
        if (seconds > NativeLimits.MaxExpireSeconds || seconds < -NativeLimits.MaxExpireSeconds)
        {
            return new Reply.Error(NativeErrors.InvalidExpireTime);
        }

        return store.Write((Key: key, Seconds: seconds), static (writer, args) =>
        {
            if (!writer.TryGet(args.Key, out var entry))
            {
                return Reply.NotFound;
            }

            // As in Redis, a time to live that is already over removes the key at once.
            writer.SetExpiry(entry, writer.NowMs + (args.Seconds * 1000), ChangeReason.Expire);
            return Reply.Ok;
        });
    }

    private Reply TimeToLive(byte[] key) =>
        store.Write(key, static (writer, key) =>
        {
            if (!writer.TryGet(key, out var entry))
            {
                return Reply.NotFound;
            }

            // Redis rounds the remaining milliseconds to the nearest second.
            return new Reply.Ttl(entry.HasExpiry ? (entry.ExpiresAtMs - writer.NowMs + 500) / 1000 : -1);
        });

    private Reply Persist(byte[] key) =>
        store.Write(key, static (writer, key) =>
        {
            if (!writer.TryGet(key, out var entry))
            {
                return Reply.NotFound;
            }

            if (entry.HasExpiry)
            {
                writer.SetExpiry(entry, CacheEntry.NoExpiry, ChangeReason.Persist);
            }

            return Reply.Ok;
        });

    private Reply Watch(byte[] glob, long? fromSequence)
    {
        if (_watches.Count >= maxWatches)
        {
            return new Reply.Error(string.Format(NativeErrors.TooManyWatches, maxWatches));
        }

        // WATCHING's number: every change after it reaches this watch. It is read and the watch subscribed under the
        // store's lock, so no change can commit in between (with or without a replay buffer); the store delivers
        // nothing to the new subscription before that lock is released.
        var latest = store.Write((Session: this, Glob: glob, From: fromSequence), static (writer, state) =>
        {
            state.Session.Subscribe(state.Glob, state.From ?? writer.LastSequence);
            return writer.LastSequence;
        });
        Volatile.Write(ref _watching, true);
        return new Reply.Watching(glob, latest);
    }

    private void Subscribe(byte[] glob, long after) =>
        _watches.Add(_pushes.Add(store.ChangesSince(after)
            .SelectMany(batch => Matching(glob, batch))));

    private static IEnumerable<Reply> Matching(byte[] glob, ChangeBatch batch)
    {
        if (batch.Gap is { } gap)
        {
            yield return new Reply.Gap(gap.From, gap.To);
        }

        foreach (var change in batch.Changes)
        {
            if (change.Kind == ChangeKind.Cleared)
            {
                yield return NativeChangeLine.Flushed(change, glob);
            }
            else if (Glob.IsMatch(glob, change.Key))
            {
                yield return NativeChangeLine.Of(change);
            }
        }
    }

    private Reply Unwatch()
    {
        _watches.ForEach(watch => watch.Dispose());
        _watches.Clear();
        Volatile.Write(ref _watching, false);
        return Reply.Ok;
    }

    private KeyValuePair<string, string>[] Stats()
    {
        var uptime = store.Scheduler.Now - statistics.StartedAt;
        return
        [
            new("keys", store.Count.ToString()),
            new("last_sequence", store.LastSequence.ToString()),
            new("change_subscribers", store.SubscriberCount.ToString()),
            new("connections_current", statistics.ConnectionsCurrent.ToString()),
            new("connections_total", statistics.ConnectionsTotal.ToString()),
            new("connections_rejected", statistics.ConnectionsRejected.ToString()),
            new("commands_processed", statistics.CommandsProcessed.ToString()),
            new("uptime_seconds", ((long)uptime.TotalSeconds).ToString()),
            // Redis's INFO names: one budget and one policy for every protocol's keys; the replay buffer is not counted.
            new("used_memory", store.UsedMemory.ToString()),
            new("maxmemory", store.MaxMemory.ToString()),
            new("maxmemory_policy", store.EvictionPolicy.RedisName()),
            new("evicted_keys", store.EvictedKeys.ToString()),
            new("replay_memory", store.ReplayMemory.ToString()),
        ];
    }

    private readonly record struct PutArgs(byte[] Key, byte[] Value);
}
