namespace ReactiveCache.Commands.Redis;

/// <summary>
/// One server's per-command call counters (INFO commandstats), cleared by CONFIG RESETSTAT. The command table
/// is shared and immutable; these counters are not, so each <see cref="RedisServer"/> has its own.
/// Updated from many threads.
/// </summary>
internal sealed class CommandStatistics(RedisCommandTable commands)
{
    private readonly long[] _calls = new long[commands.All.Count];
    private readonly long[] _failed = new long[commands.All.Count];
    private readonly long[] _rejected = new long[commands.All.Count];

    public long Calls(RedisCommand command) => Interlocked.Read(ref _calls[command.Index]);

    public long FailedCalls(RedisCommand command) => Interlocked.Read(ref _failed[command.Index]);

    public long RejectedCalls(RedisCommand command) => Interlocked.Read(ref _rejected[command.Index]);

    /// <summary>A command refused before it ran (Redis's rejected_calls): it does not count as a call.</summary>
    public void Rejected(RedisCommand command) => Interlocked.Increment(ref _rejected[command.Index]);

    public void Called(RedisCommand command, bool failed)
    {
        Interlocked.Increment(ref _calls[command.Index]);
        if (failed)
        {
            Interlocked.Increment(ref _failed[command.Index]);
        }
    }

    public void Reset()
    {
        for (var i = 0; i < _calls.Length; i++)
        {
            Interlocked.Exchange(ref _calls[i], 0);
            Interlocked.Exchange(ref _failed[i], 0);
            Interlocked.Exchange(ref _rejected[i], 0);
        }
    }
}
