namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// A database's keys, keys with a time to live, and their average remaining time (INFO keyspace's avg_ttl), in
/// constant time under the lock: the average is of up to <see cref="Samples"/> keys spread over the database's volatile
/// keys, as Redis estimates it from the keys its expiry cycle samples.
/// </summary>
internal static class KeyspaceFigures
{
    public const int Samples = 16;

    public static (int Keys, int Expires, long AverageTtlMs) Of(CacheStore database) =>
        database.Write(0, static (writer, _) =>
        {
            var volatileKeys = writer.VolatileSlots;
            var expires = volatileKeys.Count;
            if (expires == 0)
            {
                return (writer.Count, 0, 0L);
            }

            var now = writer.NowMs;
            long total = 0;
            var sampled = 0;
            var step = Math.Max(1, volatileKeys.End / Samples);
            for (var slot = 0; slot < volatileKeys.End && sampled < Samples; slot += step)
            {
                if (volatileKeys.At(slot) is { } key && writer.TryPeek(key, out byte[] _, out var entry) && entry.HasExpiry)
                {
                    total += Math.Max(0, entry.ExpiresAtMs - now);
                    sampled++;
                }
            }

            return (writer.Count, expires, sampled == 0 ? 0L : total / sampled);
        });
}
