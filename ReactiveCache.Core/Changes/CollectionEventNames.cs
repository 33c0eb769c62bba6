namespace ReactiveCache.Changes;

/// <summary>
/// The names Redis gives the events of list, set and sorted-set commands (t_list.c, t_set.c, t_zset.c): Redis's
/// keyspace notifications and the native protocol's WATCH lines both spell a collection change with them.
/// </summary>
internal static class CollectionEventNames
{
    public static string? Of(ChangeReason reason) => reason switch
    {
        ChangeReason.ListPushLeft => "lpush",
        ChangeReason.ListPushRight => "rpush",
        ChangeReason.ListPopLeft => "lpop",
        ChangeReason.ListPopRight => "rpop",
        ChangeReason.ListInsert => "linsert",
        ChangeReason.ListSet => "lset",
        ChangeReason.ListRemove => "lrem",
        ChangeReason.ListTrim => "ltrim",
        ChangeReason.SetAdd => "sadd",
        ChangeReason.SetRemove => "srem",
        ChangeReason.SetPop => "spop",
        ChangeReason.SetInterStore => "sinterstore",
        ChangeReason.SetUnionStore => "sunionstore",
        ChangeReason.SetDiffStore => "sdiffstore",
        ChangeReason.SortedSetAdd => "zadd",
        ChangeReason.SortedSetIncrement => "zincr",
        ChangeReason.SortedSetRemove => "zrem",
        ChangeReason.SortedSetRemoveRangeByRank => "zremrangebyrank",
        ChangeReason.SortedSetRemoveRangeByScore => "zremrangebyscore",
        ChangeReason.SortedSetRemoveRangeByLex => "zremrangebylex",
        ChangeReason.SortedSetPopMin => "zpopmin",
        ChangeReason.SortedSetPopMax => "zpopmax",
        ChangeReason.SortedSetUnionStore => "zunionstore",
        ChangeReason.SortedSetInterStore => "zinterstore",
        ChangeReason.SortedSetDiffStore => "zdiffstore",
        ChangeReason.SortedSetRangeStore => "zrangestore",
        _ => null,
    };
}
