using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Hosting;

/// <summary>
/// <see cref="IDistributedCache"/> over a <see cref="CacheStore"/> in this process: no socket, no serialization
/// beyond the bytes given. Absolute, relative and sliding expiration behave as Microsoft.Extensions.Caching.Memory's
/// distributed cache: a read (or <see cref="Refresh"/>) moves a sliding entry's expiry to now plus the window, never
/// past its absolute expiration. Time is the store's clock, so a <c>TestScheduler</c> drives it.
/// </summary>
/// <remarks>
/// Each entry is kept as Microsoft.Extensions.Caching.StackExchangeRedis keeps it: a hash at the key with the fields
/// <c>data</c>, <c>absexp</c> and <c>sldexp</c> (ticks, -1 when absent) and the key's time to live. So a process using
/// the stock Redis <see cref="IDistributedCache"/> against this server reads and refreshes the same entries, and
/// redis-cli sees them with <c>HGET key data</c>.
/// </remarks>
public sealed class CacheStoreDistributedCache : IDistributedCache
{
    private const long NotPresent = -1;
    private static readonly byte[] s_data = "data"u8.ToArray();
    private static readonly byte[] s_absoluteExpiration = "absexp"u8.ToArray();
    private static readonly byte[] s_slidingExpiration = "sldexp"u8.ToArray();

    private readonly CacheStore _store;

    /// <summary>A distributed cache whose entries live in <paramref name="store"/>.</summary>
    public CacheStoreDistributedCache(CacheStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public byte[]? Get(string key) => Read(key, refresh: true);

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        return Task.FromResult(Get(key));
    }

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = _store.Scheduler.Now;
        var absolute = AbsoluteExpiration(now, options);
        var entry = new Entry(Encoding.UTF8.GetBytes(key), value, absolute?.UtcTicks ?? NotPresent, options.SlidingExpiration?.Ticks ?? NotPresent);
        // A set replaces whatever the key held, its time to live included.
        _store.ReplaceWithHash(entry.Key, entry.Fields(), entry.TimeToLiveMs(now));
    }

    /// <inheritdoc />
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Set(key, value, options);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Refresh(string key) => Read(key, refresh: true, wantData: false);

    /// <inheritdoc />
    public Task RefreshAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Refresh(key);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _store.Delete(key);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Remove(key);
        return Task.CompletedTask;
    }

    private byte[]? Read(string key, bool refresh, bool wantData = true)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _store.Write((Key: Encoding.UTF8.GetBytes(key), Refresh: refresh, WantData: wantData), static (writer, read) =>
        {
            if (!writer.TryGetHash(read.Key, out var stored, out var hash) || !hash.TryGet(s_data, out var data))
            {
                return null;
            }

            if (read.Refresh && Ticks(hash, s_slidingExpiration) is { } sliding)
            {
                var window = TimeSpan.FromTicks(sliding);
                var ttl = Ticks(hash, s_absoluteExpiration) is { } absolute
                    ? Min(window, new DateTimeOffset(absolute, TimeSpan.Zero) - writer.Now)
                    : window;
                writer.SetExpiry(stored, writer.NowMs + (long)ttl.TotalMilliseconds, ChangeReason.Expire);
            }

            return read.WantData ? data : null;
        });
    }

    private static DateTimeOffset? AbsoluteExpiration(DateTimeOffset now, DistributedCacheEntryOptions options)
    {
        if (options.AbsoluteExpiration is { } absolute && absolute <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), absolute, "The absolute expiration value must be in the future.");
        }

        return options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : options.AbsoluteExpiration;
    }

    private static long? Ticks(HashValue hash, byte[] field) =>
        hash.TryGet(field, out var text) && long.TryParse(Encoding.ASCII.GetString(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks != NotPresent
            ? ticks
            : null;

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;

    private readonly record struct Entry(byte[] Key, byte[] Value, long AbsoluteTicks, long SlidingTicks)
    {
        public (byte[] Name, byte[] Value)[] Fields() =>
        [
            (s_absoluteExpiration, Encoding.ASCII.GetBytes(AbsoluteTicks.ToString(CultureInfo.InvariantCulture))),
            (s_slidingExpiration, Encoding.ASCII.GetBytes(SlidingTicks.ToString(CultureInfo.InvariantCulture))),
            (s_data, Value),
        ];

        /// <summary>The key's time to live now: the sliding window, capped by the absolute expiration; none without either.</summary>
        public long? TimeToLiveMs(DateTimeOffset now)
        {
            TimeSpan? untilAbsolute = AbsoluteTicks == NotPresent ? null : new DateTimeOffset(AbsoluteTicks, TimeSpan.Zero) - now;
            TimeSpan? sliding = SlidingTicks == NotPresent ? null : TimeSpan.FromTicks(SlidingTicks);
            var ttl = (untilAbsolute, sliding) switch
            {
                ({ } absolute, { } window) => Min(absolute, window),
                ({ } absolute, null) => absolute,
                (null, { } window) => window,
                _ => (TimeSpan?)null,
            };
            return ttl is { } some ? Math.Max(1, (long)some.TotalMilliseconds) : null;
        }
    }
}
