using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// Error replies by their first word (INFO errorstats' <c>errorstat_WRONGTYPE:count=1</c>) and in all
/// (<c>total_error_replies</c>), as afterErrorReply in networking.c counts them. Updated from many threads.
/// </summary>
internal sealed class ErrorStatistics
{
    /// <summary>
    /// Distinct prefixes kept; past it errors are still counted in the total. Prefixes are this server's own words,
    /// but the bound keeps the table small whatever an error carries (Redis 7.2 bounds it at 128 too).
    /// </summary>
    public const int MaxPrefixes = 128;

    private readonly ConcurrentDictionary<string, StrongBox<long>> _byPrefix = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>The counts by prefix, in Redis's order (its rax sorts them bytewise).</summary>
    public IReadOnlyList<(string Prefix, long Count)> ByPrefix() =>
        _byPrefix.Select(pair => (pair.Key, Interlocked.Read(ref pair.Value.Value)))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToArray();

    /// <summary>An error reply went out: <paramref name="text"/> is its line without the '-'.</summary>
    public void Count(string text)
    {
        Interlocked.Increment(ref _total);
        var prefix = Prefix(text);
        if (!_byPrefix.TryGetValue(prefix, out var count))
        {
            if (_byPrefix.Count >= MaxPrefixes)
            {
                return;
            }

            count = _byPrefix.GetOrAdd(prefix, static _ => new StrongBox<long>());
        }

        Interlocked.Increment(ref count.Value);
    }

    public void Reset()
    {
        _byPrefix.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    // The word before the first space, looked for in the first 32 characters; ERR when there is none.
    internal static string Prefix(string text)
    {
        var space = text.AsSpan(0, Math.Min(text.Length, 32)).IndexOf(' ');
        return space <= 0 ? "ERR" : PrefixOf(text, space);
    }

    private static string PrefixOf(string text, int length) => length == 3 && text.StartsWith("ERR", StringComparison.Ordinal) ? "ERR" : text[..length];
}
