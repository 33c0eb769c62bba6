using System.Globalization;

namespace ReactiveCache.Networking;

/// <summary>
/// The output limits of every client class, read and written in redis.conf's syntax:
/// <c>normal 1gb 0 0 pubsub 32mb 8mb 60</c> (class, hard, soft, soft seconds; any number of classes, each
/// replacing that class's limit). <c>replica</c> (or <c>slave</c>) is accepted and reported, for tools that
/// set it, but this server has no replicas.
/// </summary>
public sealed record ClientOutputBufferLimits(OutputBufferLimit Normal, OutputBufferLimit Replica, OutputBufferLimit PubSub)
{
    /// <summary>
    /// Normal replies are bounded at 1 GB (Redis: unlimited), the size of the largest request the query buffer
    /// admits: no single reply a client can ask for legitimately is larger, and a reply that is larger (KEYS over
    /// tens of millions of keys) is dropped instead of growing without bound. Replica and pubsub are Redis's.
    /// </summary>
    public static ClientOutputBufferLimits Default { get; } = new(
        new OutputBufferLimit(1024L * 1024 * 1024, 0, TimeSpan.Zero),
        new OutputBufferLimit(256L * 1024 * 1024, 64L * 1024 * 1024, TimeSpan.FromSeconds(60)),
        new OutputBufferLimit(32L * 1024 * 1024, 8L * 1024 * 1024, TimeSpan.FromSeconds(60)));

    /// <summary>Applies <paramref name="text"/> on top of these limits; false, with Redis's reason, when it does not parse.</summary>
    public bool TryApply(string text, out ClientOutputBufferLimits limits, out string error)
    {
        limits = this;
        error = "";
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length % 4 != 0)
        {
            error = "Wrong number of arguments in buffer limit configuration.";
            return false;
        }

        for (var i = 0; i < words.Length; i += 4)
        {
            if (!TryReadLimit(words.AsSpan(i + 1, 3), out var limit))
            {
                limits = this;
                error = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
                return false;
            }

            switch (words[i].ToLowerInvariant())
            {
                case "normal":
                    limits = limits with { Normal = limit };
                    break;
                case "replica" or "slave":
                    limits = limits with { Replica = limit };
                    break;
                case "pubsub":
                    limits = limits with { PubSub = limit };
                    break;
                default:
                    limits = this;
                    error = "Invalid client class specified in buffer limit configuration.";
                    return false;
            }
        }

        return true;
    }

    /// <summary>As CONFIG GET reports it: <c>normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60</c>.</summary>
    public override string ToString() => $"normal {Format(Normal)} slave {Format(Replica)} pubsub {Format(PubSub)}";

    private static bool TryReadLimit(ReadOnlySpan<string> words, out OutputBufferLimit limit)
    {
        limit = OutputBufferLimit.Unlimited;
        if (!MemorySize.TryParse(words[0], out var hard) || !MemorySize.TryParse(words[1], out var soft)
            || !int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        limit = new OutputBufferLimit(hard, soft, TimeSpan.FromSeconds(seconds));
        return true;
    }

    private static string Format(OutputBufferLimit limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit.HardBytes} {limit.SoftBytes} {(long)limit.SoftDuration.TotalSeconds}");
}
