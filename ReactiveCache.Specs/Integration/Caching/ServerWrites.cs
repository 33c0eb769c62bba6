using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Caching;

/// <summary>
/// Tells a spec when a cache entry has reached the server. HybridCache returns a created value before its write to
/// the second level is done, so a spec that has another instance read the server first awaits this, through
/// keyspace notifications (the target publishes them): the package's write ends with the entry's EXPIRE.
/// </summary>
internal sealed class ServerWrites(ConnectionMultiplexer redis)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    /// <summary>Subscribes now; the task completes once the entry <paramref name="key"/> (without the instance name) is written.</summary>
    public async Task<Task> OfAsync(string key)
    {
        var events = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"__keyspace@0__:{CacheApp.InstanceName}{key}"));
        return WaitForExpireAsync(events);
    }

    private static async Task WaitForExpireAsync(ChannelMessageQueue events)
    {
        while ((string?)(await events.ReadAsync().AsTask().WaitAsync(s_wait)).Message != "expire")
        {
        }

        await events.UnsubscribeAsync();
    }
}
