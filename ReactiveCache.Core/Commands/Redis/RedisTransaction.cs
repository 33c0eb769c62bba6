using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>The commands a client queued after MULTI; a command rejected while queueing makes EXEC abort.</summary>
internal sealed class RedisTransaction
{
    private readonly List<(RedisCommand Command, byte[][] Args)> _queued = [];

    public bool Failed { get; private set; }

    /// <summary>Whether a queued command is denyoom (Redis's mstate.cmd_flags): then EXEC is refused while out of memory.</summary>
    public bool QueuedDenyOom { get; private set; }

    public IReadOnlyList<(RedisCommand Command, byte[][] Args)> Queued => _queued;

    public RedisReply Queue(RedisCommand command, byte[][] args)
    {
        _queued.Add((command, args));
        QueuedDenyOom |= command.Has(RedisCommandFlags.DenyOom);
        return RedisReply.Queued;
    }

    public void Fail() => Failed = true;
}
