using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// DUMP key and RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency], as
/// cluster.c answers them, with payloads in Redis 7.0's own format (<see cref="DumpPayload"/>). A RESTORE is one
/// change (reason <see cref="ChangeReason.Restore"/>, keyspace event <c>restore</c>), replacing the key with REPLACE.
/// </summary>
internal static class DumpCommands
{
    private static readonly RedisReply s_busyKey = new RedisReply.Error(RespErrors.BusyKey);

    // The value is captured under the lock and encoded after it (DumpPayload.Snapshot).
    public static RedisReply Dump(RedisSession session, byte[][] args) =>
        session.Store.Write(args[1], static (writer, key) => writer.TryGet(key, out var entry) ? DumpPayload.Snapshot(entry.Value) : null) is { } encode
            ? new RedisReply.Bulk(encode())
            : RedisReply.NullBulk;

    public static RedisReply Restore(RedisSession session, byte[][] args)
    {
        if (ReadOptions(args, out var replace, out var absoluteTtl, out var access) is { } optionError)
        {
            return optionError;
        }

        // restoreCommand checks in this order: options, an existing key, the TTL, the seal, the data. All but the key
        // are settled here, out of the lock, and answered in that order inside it.
        var value = (CacheValue)StringValue.Empty;
        RedisReply? refusal = null;
        if (!RedisArgs.TryInteger(args[2], out var ttl))
        {
            refusal = RedisReply.NotInteger;
        }
        else if (ttl < 0)
        {
            refusal = new RedisReply.Error(RespErrors.InvalidTtl);
        }
        else if (!DumpPayload.IsSealed(args[3]))
        {
            refusal = new RedisReply.Error(RespErrors.DumpPayloadInvalid);
        }
        else if (!DumpPayload.TryDecode(args[3], HashCommands.HashLimits(session), out value))
        {
            refusal = new RedisReply.Error(RespErrors.BadDataFormat);
        }

        var request = new RestoreRequest(args[1], replace, absoluteTtl, ttl, value, refusal, access);
        return session.Store.Write(request, static (writer, request) => Apply(writer, request));
    }

    private static RedisReply Apply(StoreWriter writer, RestoreRequest request)
    {
        var exists = writer.Exists(request.Key);
        if (exists && !request.Replace)
        {
            return s_busyKey;
        }

        if (request.Refusal is { } refusal)
        {
            return refusal;
        }

        // A relative TTL is capped where the store clamps expiries anyway, so adding the clock cannot overflow.
        var expiresAtMs = request.Ttl == 0 ? CacheEntry.NoExpiry
            : request.AbsoluteTtl ? request.Ttl
            : writer.NowMs + Math.Min(request.Ttl, CacheEntry.LatestExpiry);
        if (expiresAtMs <= writer.NowMs)
        {
            // Already expired: the key is not created, and one it replaces is deleted ("del").
            if (exists)
            {
                writer.Remove(request.Key, ChangeKind.Removed, ChangeReason.Delete);
            }

            return RedisReply.Ok;
        }

        writer.Place(request.Key, request.Value, expiresAtMs, state: null, ChangeReason.Restore);
        SetAccess(writer, request);
        return RedisReply.Ok;
    }

    // objectSetLRUOrLFU in object.c: FREQ sets the counter under an LFU policy, IDLETIME the recency under any other;
    // the one the policy does not track is ignored, as in Redis.
    private static void SetAccess(StoreWriter writer, RestoreRequest request)
    {
        if (request.Access is not var (idleSeconds, frequency) || !writer.TryGetUntouched(request.Key, out _, out var entry))
        {
            return;
        }

        var lfu = writer.Memory.Policy.IsLfu();
        if (lfu && frequency >= 0)
        {
            writer.SetFrequency(entry, (byte)frequency);
        }
        else if (!lfu && idleSeconds >= 0)
        {
            writer.StampIdleFor(entry, idleSeconds * 1000);
        }
    }

    // REPLACE, ABSTTL, and IDLETIME or FREQ (one of the two): access is (idle seconds, counter), -1 for the one not given.
    private static RedisReply? ReadOptions(byte[][] args, out bool replace, out bool absoluteTtl, out (long IdleSeconds, long Frequency)? access)
    {
        (replace, absoluteTtl) = (false, false);
        access = null;
        var (idle, frequency) = (false, false);
        for (var i = 4; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            if (RedisArgs.Is(args[i], "REPLACE"))
            {
                replace = true;
            }
            else if (RedisArgs.Is(args[i], "ABSTTL"))
            {
                absoluteTtl = true;
            }
            else if (RedisArgs.Is(args[i], "IDLETIME") && hasValue && !frequency)
            {
                if (!RedisArgs.TryInteger(args[++i], out var seconds))
                {
                    return RedisReply.NotInteger;
                }

                if (seconds < 0)
                {
                    return new RedisReply.Error(RespErrors.InvalidIdleTime);
                }

                idle = true;
                access = (Math.Min(seconds, CacheEntry.LatestExpiry / 1000), -1);
            }
            else if (RedisArgs.Is(args[i], "FREQ") && hasValue && !idle)
            {
                if (!RedisArgs.TryInteger(args[++i], out var count))
                {
                    return RedisReply.NotInteger;
                }

                if (count is < 0 or > 255)
                {
                    return new RedisReply.Error(RespErrors.InvalidFrequency);
                }

                frequency = true;
                access = (-1, count);
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        return null;
    }

    private sealed record RestoreRequest(byte[] Key, bool Replace, bool AbsoluteTtl, long Ttl, CacheValue Value, RedisReply? Refusal, (long IdleSeconds, long Frequency)? Access);
}
