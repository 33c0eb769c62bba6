using System.Globalization;
using ReactiveCache.Networking;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The memory settings of CONFIG GET/SET: maxmemory, maxmemory-policy, maxmemory-samples, lfu-log-factor and
/// lfu-decay-time, read from and written to the store (one limit for every database, as Redis's is for the server).
/// Values are checked as config.c checks them (maxmemory-samples is bounded at 64 here); lowering maxmemory evicts a
/// first chunk before CONFIG SET answers and the rest right after (<see cref="CacheStore.MaxMemory"/>).
/// </summary>
internal static class MemoryConfig
{
    public static string Value(CacheStore store, string name) => name switch
    {
        "maxmemory" => MemorySize.Format(store.MaxMemory),
        "maxmemory-policy" => store.EvictionPolicy.RedisName(),
        "maxmemory-samples" => store.EvictionSamples.ToString(CultureInfo.InvariantCulture),
        "lfu-log-factor" => store.LfuLogFactor.ToString(CultureInfo.InvariantCulture),
        "lfu-decay-time" => store.LfuDecayMinutes.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Checks <paramref name="value"/>; the change is applied later, once every pair of the CONFIG SET passed.</summary>
    public static bool TryChange(CacheStore store, string name, string value, out Action change, out string error)
    {
        change = () => { };
        error = "";
        switch (name)
        {
            case "maxmemory" when MemorySize.TryParse(value, out var bytes):
                change = () => store.MaxMemory = bytes;
                return true;
            case "maxmemory":
                error = RespErrors.ConfigNotMemory;
                return false;
            case "maxmemory-policy" when EvictionPolicies.TryParse(value, out var policy):
                change = () => store.EvictionPolicy = policy;
                return true;
            case "maxmemory-policy":
                error = RespErrors.EvictionPolicyNames;
                return false;
            case "maxmemory-samples" when ConfigCommands.TryReadInteger(value, int.MinValue, out var samples, out error):
                if (samples is < 1 or > Store.Memory.MemoryBudget.MaxSamples)
                {
                    error = string.Format(CultureInfo.InvariantCulture, RespErrors.ConfigOutOfRange, 1, Store.Memory.MemoryBudget.MaxSamples);
                    return false;
                }

                change = () => store.EvictionSamples = samples;
                return true;
            case "lfu-log-factor" when ConfigCommands.TryReadInteger(value, 0, out var factor, out error):
                change = () => store.LfuLogFactor = factor;
                return true;
            case "lfu-decay-time" when ConfigCommands.TryReadInteger(value, 0, out var minutes, out error):
                change = () => store.LfuDecayMinutes = minutes;
                return true;
            default:
                return false;
        }
    }
}
