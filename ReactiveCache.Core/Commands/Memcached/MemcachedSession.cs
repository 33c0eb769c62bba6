using System.Reactive.Concurrency;
using ReactiveCache.Networking;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Store;
using static ReactiveCache.Commands.Memcached.MemcachedStatistics;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// Executes one memcached connection's requests against the shared store, in order. Each request is one
/// atomic store operation; <c>noreply</c> turns its answer into silence (errors included, as memcached does).
/// With a server password, the client first authenticates as <see cref="MemcachedAuthentication"/> describes.
/// </summary>
internal sealed class MemcachedSession(
    CacheStore store, MemcachedStatistics statistics, ServerStatistics server, MemcachedSettings settings, DelayedFlush flush, ServerAccess access,
    MemcachedListening? listening = null,
    CommandMeter? meter = null)
    : ICommandSession<MemcachedCommand, MemcachedReply>
{
    private static readonly MemcachedReply s_version = new MemcachedReply.Line("VERSION " + MemcachedSettings.Version);
    private static readonly MemcachedReply s_unknown = new MemcachedReply.Line(MemcachedErrors.UnknownCommand);
    private static readonly MemcachedReply s_tooLarge = new MemcachedReply.Line(MemcachedErrors.TooLarge);
    private static readonly MemcachedReply s_outOfMemoryStoring = new MemcachedReply.Line(MemcachedErrors.OutOfMemoryStoring);
    private static readonly MemcachedReply s_outOfMemory = new MemcachedReply.Line(MemcachedErrors.OutOfMemory);
    private static readonly MemcachedReply s_cacheDumpUsage = new MemcachedReply.Line(MemcachedErrors.CacheDumpUsage);
    private static readonly MemcachedReply s_badFormat = new MemcachedReply.Line(MemcachedErrors.BadCommandLine);
    private static readonly MemcachedReply s_illegalSlab = new MemcachedReply.Line(MemcachedErrors.IllegalSlab);
    private static readonly MemcachedReply s_badClass = new MemcachedReply.Line(MemcachedErrors.BadClass);

    // memcached's MAX_NUMBER_OF_SLAB_CLASSES: classes 1..63, 0 being none.
    private const int MaxSlabClasses = 64;

    // Decided at connect, as in Redis: a password set later binds only clients that connect after it.
    private bool _authenticated = !access.RequiresPassword;
    private Connection? _connection;
    private KeyDump? _dump;

    public void Attach(Connection connection) => _connection = connection;

    /// <summary>Key dumps (<c>stats cachedump</c>, <c>lru_crawler metadump</c>) answer a page at a time.</summary>
    public bool AnswersInParts => true;

    public MemcachedReply? NextReplyPart()
    {
        if (_dump is { } dump && dump.TryNextPart(out var part))
        {
            return part;
        }

        _dump = null;
        return null;
    }

    private readonly CommandMeter _meter = meter ?? new CommandMeter("memcached", MemcachedCommandNames.All);

    public MemcachedReply Execute(MemcachedCommand command) =>
        _meter.Measured(MemcachedCommandNames.IndexOf(command), (Session: this, Command: command), static call => call.Session.Run(call.Command));

    private MemcachedReply Run(MemcachedCommand command)
    {
        server.CommandProcessed();
        if (!_authenticated && access.RequiresPassword)
        {
            return MemcachedAuthentication.Answer(command, access, statistics, out _authenticated);
        }

        try
        {
            return Dispatch(command);
        }
        catch (WrongTypeException wrongType)
        {
            // memcached has no types: a key another protocol made a hash is an error for the commands that read a value.
            return new MemcachedReply.Line(string.Format(MemcachedErrors.WrongType, wrongType.Found.ToString().ToLowerInvariant()));
        }
        catch (MemoryLimitExceededException)
        {
            return OutOfMemory(command);
        }
    }

    /// <summary>
    /// The store is full and its policy may evict nothing (memcached's <c>-M</c>): memcached's words per command. The
    /// classic commands honour noreply, as memcached's <c>out_of_memory</c> does (meta commands answer for themselves,
    /// in <see cref="MetaOperations"/>); a refused <c>set</c> also drops the key's old value, as memcached unlinks it
    /// ("avoid stale data persisting in cache because we failed alloc", proto_text.c).
    /// </summary>
    private MemcachedReply OutOfMemory(MemcachedCommand command)
    {
        switch (command)
        {
            case MemcachedCommand.Store storage:
                statistics.Add(Counter.StoreNoMemory);
                if (storage.Mode == StoreMode.Set)
                {
                    store.Write(storage.Key, static (writer, key) => MemcachedStorage.Delete(writer, key));
                }

                return Quiet(storage.NoReply, s_outOfMemoryStoring);
            case MemcachedCommand.Arithmetic arithmetic:
                return Quiet(arithmetic.NoReply, s_outOfMemory);
            default:
                return s_outOfMemory;
        }
    }

    private MemcachedReply Dispatch(MemcachedCommand command)
    {
        return command switch
        {
            MemcachedCommand.Retrieve retrieve => Retrieve(retrieve),
            MemcachedCommand.Store storage => Quiet(storage.NoReply, Store(storage)),
            MemcachedCommand.Delete delete => Quiet(delete.NoReply, Delete(delete.Key)),
            MemcachedCommand.Arithmetic arithmetic => Quiet(arithmetic.NoReply, Arithmetic(arithmetic)),
            MemcachedCommand.Touch touch => Quiet(touch.NoReply, Touch(touch)),
            MemcachedCommand.Meta meta => MetaOperations.Execute(store, statistics, meta.Request),
            MemcachedCommand.FlushAll flush => Quiet(flush.NoReply, FlushAll(flush.DelaySeconds)),
            MemcachedCommand.Version => s_version,
            MemcachedCommand.Verbosity verbosity => Quiet(verbosity.NoReply, MemcachedReply.Ok),
            MemcachedCommand.Stats stats => Stats(stats.Group, stats.Arguments),
            MemcachedCommand.LruCrawler crawler => LruCrawler(crawler),
            MemcachedCommand.Quit => MemcachedReply.Close,
            MemcachedCommand.TooLarge tooLarge => Refuse(tooLarge.Key),
            MemcachedCommand.Invalid invalid => new MemcachedReply.Line(invalid.Reply),
            _ => s_unknown,
        };
    }

    public void Dispose()
    {
    }

    private static MemcachedReply Quiet(bool noReply, MemcachedReply reply) => noReply ? MemcachedReply.Silent : reply;

    private MemcachedReply Refuse(byte[] key)
    {
        statistics.Add(Counter.StoreTooLarge);
        store.Write(key, static (writer, key) => MemcachedStorage.Delete(writer, key));
        return s_tooLarge;
    }

    private MemcachedReply Retrieve(MemcachedCommand.Retrieve retrieve)
    {
        statistics.Add(retrieve.TouchExptime is null ? Counter.CmdGet : Counter.CmdTouch, retrieve.Keys.Count);
        var reply = retrieve.Keys.Count == 1
            ? RetrieveOne(retrieve)
            : store.Write(retrieve, static (writer, retrieve) => RetrieveMany(writer, retrieve));
        var hits = reply switch
        {
            MemcachedReply.Value => 1,
            MemcachedReply.Values values => values.Items.Count,
            _ => 0,
        };
        var (hit, miss) = retrieve.TouchExptime is null ? (Counter.GetHits, Counter.GetMisses) : (Counter.TouchHits, Counter.TouchMisses);
        statistics.Add(hit, hits);
        statistics.Add(miss, retrieve.Keys.Count - hits);
        return reply;
    }

    private MemcachedReply RetrieveOne(MemcachedCommand.Retrieve retrieve) =>
        store.Write(retrieve, static (writer, retrieve) =>
            MemcachedStorage.TryRetrieve(writer, retrieve.Keys[0], retrieve.TouchExptime, out var item)
                ? new MemcachedReply.Value(item, retrieve.WithCas)
                : MemcachedReply.End);

    private static MemcachedReply RetrieveMany(StoreWriter writer, MemcachedCommand.Retrieve retrieve)
    {
        // A key of another type fails the whole request before gat touches any key: an error changes nothing.
        foreach (var key in retrieve.Keys)
        {
            if (writer.TryPeek(key, out _, out var entry) && !entry.IsExpiredAt(writer.NowMs))
            {
                StoreWriter.Expect<ReactiveCache.Store.Values.StringValue>(entry, ValueKind.String);
            }
        }

        var items = new List<MemcachedItem>(retrieve.Keys.Count);
        foreach (var key in retrieve.Keys)
        {
            if (MemcachedStorage.TryRetrieve(writer, key, retrieve.TouchExptime, out var item))
            {
                items.Add(item);
            }
        }

        return new MemcachedReply.Values(items, retrieve.WithCas);
    }

    private MemcachedReply Store(MemcachedCommand.Store storage)
    {
        statistics.Add(Counter.CmdSet);
        var reply = store.Write(storage, static (writer, storage) => MemcachedStorage.Store(writer, storage));
        if (storage.Mode == StoreMode.Cas)
        {
            statistics.Add(reply == MemcachedReply.Stored ? Counter.CasHits : reply == MemcachedReply.Exists ? Counter.CasBadval : Counter.CasMisses);
        }

        if (reply == MemcachedReply.Stored)
        {
            statistics.Add(Counter.TotalItems);
        }

        return reply;
    }

    private MemcachedReply Delete(byte[] key)
    {
        var reply = store.Write(key, static (writer, key) => MemcachedStorage.Delete(writer, key));
        statistics.Add(reply == MemcachedReply.Deleted ? Counter.DeleteHits : Counter.DeleteMisses);
        return reply;
    }

    private MemcachedReply Arithmetic(MemcachedCommand.Arithmetic arithmetic)
    {
        var reply = store.Write(arithmetic, static (writer, arithmetic) => MemcachedStorage.Arithmetic(writer, arithmetic));
        var found = reply != MemcachedReply.NotFound;
        statistics.Add(arithmetic.Increment
            ? found ? Counter.IncrHits : Counter.IncrMisses
            : found ? Counter.DecrHits : Counter.DecrMisses);
        return reply;
    }

    private MemcachedReply Touch(MemcachedCommand.Touch touch)
    {
        statistics.Add(Counter.CmdTouch);
        var reply = store.Write(touch, static (writer, touch) => MemcachedStorage.Touch(writer, touch));
        statistics.Add(reply == MemcachedReply.Touched ? Counter.TouchHits : Counter.TouchMisses);
        return reply;
    }

    /// <summary>
    /// Flushes now, or after a delay on the store's scheduler (the delay follows the exptime rule, so a
    /// large value is an absolute Unix time). A delayed flush still happens if this client disconnects, and a
    /// later flush_all from any client replaces it.
    /// </summary>
    private MemcachedReply FlushAll(long delaySeconds)
    {
        statistics.Add(Counter.CmdFlush);
        if (delaySeconds <= 0)
        {
            flush.Now();
        }
        else
        {
            flush.At(MemcachedExpiry.ToExpiresAtMs(delaySeconds, store.Scheduler.Now.ToUnixTimeMilliseconds()));
        }

        return MemcachedReply.Ok;
    }

    private MemcachedReply Stats(string? group, IReadOnlyList<string> arguments) => group switch
    {
        null => new MemcachedReply.StatList(MemcachedStatsReport.General(store, statistics, server, settings)),
        "settings" => new MemcachedReply.StatList(MemcachedStatsReport.Settings(settings, store)),
        "reset" => Reset(),
        "items" => new MemcachedReply.StatList(MemcachedSlabsReport.Items(store, statistics)),
        "slabs" => new MemcachedReply.StatList(MemcachedSlabsReport.Slabs(store, statistics)),
        "conns" => new MemcachedReply.StatList(MemcachedSlabsReport.Conns(listening ?? MemcachedListening.None, _connection, store.Scheduler.Now)),
        "sizes" => new MemcachedReply.StatList([new("sizes_status", "disabled")]),
        "cachedump" => CacheDump(arguments),
        _ => s_unknown,
    };

    private MemcachedReply Reset()
    {
        statistics.Reset(store.EvictedKeys);
        server.Memcached.Reset();
        return MemcachedReply.Reset;
    }

    // stats cachedump <slab> <limit>, checked as process_stat does: two numbers, a class below 64; 0 is all the keys.
    private MemcachedReply CacheDump(IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2)
        {
            return s_cacheDumpUsage;
        }

        if (!ulong.TryParse(arguments[0], System.Globalization.NumberStyles.None, null, out var slab)
            || !ulong.TryParse(arguments[1], System.Globalization.NumberStyles.None, null, out var limit))
        {
            return s_badFormat;
        }

        if (slab >= MaxSlabClasses)
        {
            return s_illegalSlab;
        }

        return StartDump(slab == MemcachedSlabsReport.SlabClass ? KeyDump.Cached(store, limit) : null);
    }

    // lru_crawler metadump all|hash|<class>[,<class>...]: the crawler's other subcommands have nothing to do here.
    private MemcachedReply LruCrawler(MemcachedCommand.LruCrawler crawler)
    {
        switch (crawler.Subcommand)
        {
            case "metadump" when crawler.Argument is { } classes:
                if (classes is "all" or "hash")
                {
                    return StartDump(KeyDump.Metadata(store));
                }

                var ids = classes.Split(',');
                if (ids.Length > MaxSlabClasses || !ids.All(id => byte.TryParse(id, System.Globalization.NumberStyles.None, null, out var number) && number is > 0 and < MaxSlabClasses))
                {
                    return s_badClass;
                }

                return StartDump(ids.Contains("1") ? KeyDump.Metadata(store) : null);
            case "crawl" or "tocrawl" or "sleep" or "enable" or "disable" when crawler.Argument is not null:
                return MemcachedReply.Ok;
            default:
                return s_unknown;
        }
    }

    // The first page goes out as this command's reply; the connection asks for the rest (NextReplyPart).
    private MemcachedReply StartDump(KeyDump? dump)
    {
        if (dump is null)
        {
            return MemcachedReply.End;
        }

        _dump = dump;
        return NextReplyPart() ?? MemcachedReply.End;
    }
}
