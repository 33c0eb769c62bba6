using System.Text;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// SLOWLOG's entries, newest first, as slowlog.c keeps them: a command that ran at least
/// <see cref="LogSlowerThanMicroseconds"/> is logged with at most 32 arguments of at most 128 bytes each, and the log
/// keeps the latest <see cref="MaxLength"/>. Written from any connection's thread, under its own lock, only for the
/// commands that are slow enough.
/// </summary>
internal sealed class SlowLog
{
    /// <summary>SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING in slowlog.h.</summary>
    public const int MaxArguments = 32, MaxArgumentBytes = 128;

    private readonly LinkedList<SlowLogEntry> _entries = new();
    private readonly Lock _gate = new();
    private long _nextId;
    private long _logSlowerThan = 10_000;
    private int _maxLength = 128;

    /// <summary>Redis's <c>slowlog-log-slower-than</c>: a negative value logs nothing, 0 logs every command.</summary>
    public long LogSlowerThanMicroseconds
    {
        get => Volatile.Read(ref _logSlowerThan);
        set => Volatile.Write(ref _logSlowerThan, value);
    }

    /// <summary>Redis's <c>slowlog-max-len</c>: the entries kept; older ones go first.</summary>
    public int MaxLength
    {
        get => Volatile.Read(ref _maxLength);
        set
        {
            Volatile.Write(ref _maxLength, Math.Max(0, value));
            lock (_gate)
            {
                Trim();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Logs the command if it took long enough (slowlogPushEntryIfNeeded).</summary>
    public void Offer(long microseconds, byte[][] args, long unixSeconds, string peer, string clientName)
    {
        var threshold = LogSlowerThanMicroseconds;
        if (threshold < 0 || microseconds < threshold)
        {
            return;
        }

        var logged = Shorten(args);
        lock (_gate)
        {
            _entries.AddFirst(new SlowLogEntry(_nextId++, unixSeconds, microseconds, logged, peer, clientName));
            Trim();
        }
    }

    /// <summary>The newest <paramref name="count"/> entries (all of them for -1).</summary>
    public IReadOnlyList<SlowLogEntry> Latest(long count)
    {
        lock (_gate)
        {
            return _entries.Take(count < 0 ? _entries.Count : (int)Math.Min(count, _entries.Count)).ToArray();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    private void Trim()
    {
        while (_entries.Count > MaxLength)
        {
            _entries.RemoveLast();
        }
    }

    // slowlogCreateEntry: past 32 arguments the last one says how many more there were; a long one is cut at 128 bytes.
    private static byte[][] Shorten(byte[][] args)
    {
        var count = Math.Min(args.Length, MaxArguments);
        var logged = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            if (count != args.Length && i == count - 1)
            {
                logged[i] = Encoding.ASCII.GetBytes($"... ({args.Length - count + 1} more arguments)");
            }
            else if (args[i].Length > MaxArgumentBytes)
            {
                logged[i] = [.. args[i].AsSpan(0, MaxArgumentBytes), .. Encoding.ASCII.GetBytes($"... ({args[i].Length - MaxArgumentBytes} more bytes)")];
            }
            else
            {
                // A copy: the argument may be the very array a key now holds.
                logged[i] = args[i].ToArray();
            }
        }

        return logged;
    }
}

/// <summary>One SLOWLOG GET entry: id, Unix time, microseconds, arguments, client address, client name.</summary>
internal sealed record SlowLogEntry(long Id, long UnixSeconds, long Microseconds, byte[][] Arguments, string Peer, string ClientName);
