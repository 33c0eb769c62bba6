using System.Text;
using static ReactiveCache.Commands.Redis.RedisCommandFlags;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Every Redis command this server knows, listed explicitly: name, Redis's arity, flags, key positions
/// and handler (no reflection). Lookup is case-insensitive and allocation-free. Immutable once built, so
/// every server shares <see cref="Default"/>; what changes per call lives in each server's <see cref="CommandStatistics"/>.
/// </summary>
internal sealed class RedisCommandTable
{
    public static readonly RedisCommandTable Default = new(
    [
        // Strings (t_string.c)
        new("get", 2, ReadOnly | Fast, StringCommands.Get, 1, 1, 1, "string", "Returns the string value of a key."),
        new("set", -3, Write | DenyOom, StringCommands.Set, 1, 1, 1, "string", "Sets the string value of a key, ignoring its type."),
        new("setnx", 3, Write | DenyOom | Fast, StringCommands.SetNx, 1, 1, 1, "string", "Set the string value of a key only when the key doesn't exist."),
        new("setex", 4, Write | DenyOom, StringCommands.SetEx, 1, 1, 1, "string", "Sets the string value and expiration time of a key."),
        new("psetex", 4, Write | DenyOom, StringCommands.PSetEx, 1, 1, 1, "string", "Sets both string value and expiration time in milliseconds of a key."),
        new("getset", 3, Write | DenyOom | Fast, StringCommands.GetSet, 1, 1, 1, "string", "Returns the previous string value of a key after setting it to a new value."),
        new("getdel", 2, Write | Fast, StringCommands.GetDel, 1, 1, 1, "string", "Returns the string value of a key after deleting the key."),
        new("getex", -2, Write | Fast, ExpireCommands.GetEx, 1, 1, 1, "string", "Returns the string value of a key after setting its expiration time."),
        new("mget", -2, ReadOnly | Fast, MultiKeyCommands.MGet, 1, -1, 1, "string", "Atomically returns the string values of one or more keys."),
        new("mset", -3, Write | DenyOom, MultiKeyCommands.MSet, 1, -1, 2, "string", "Atomically creates or modifies the string values of one or more keys."),
        new("msetnx", -3, Write | DenyOom, MultiKeyCommands.MSetNx, 1, -1, 2, "string", "Atomically modifies the string values of one or more keys only when all keys don't exist."),
        new("incr", 2, Write | DenyOom | Fast, CounterCommands.Incr, 1, 1, 1, "string", "Increments the integer value of a key by one."),
        new("decr", 2, Write | DenyOom | Fast, CounterCommands.Decr, 1, 1, 1, "string", "Decrements the integer value of a key by one."),
        new("incrby", 3, Write | DenyOom | Fast, CounterCommands.IncrBy, 1, 1, 1, "string", "Increments the integer value of a key by a number."),
        new("decrby", 3, Write | DenyOom | Fast, CounterCommands.DecrBy, 1, 1, 1, "string", "Decrements a number from the integer value of a key."),
        new("incrbyfloat", 3, Write | DenyOom | Fast, CounterCommands.IncrByFloat, 1, 1, 1, "string", "Increment the floating point value of a key by a number."),
        new("append", 3, Write | DenyOom | Fast, StringRangeCommands.Append, 1, 1, 1, "string", "Appends a string to the value of a key."),
        new("strlen", 2, ReadOnly | Fast, StringRangeCommands.StrLen, 1, 1, 1, "string", "Returns the length of a string value."),
        new("getrange", 4, ReadOnly, StringRangeCommands.GetRange, 1, 1, 1, "string", "Returns a substring of the string stored at a key."),
        new("substr", 4, ReadOnly, StringRangeCommands.GetRange, 1, 1, 1, "string", "Returns a substring from a string value."),
        new("setrange", 4, Write | DenyOom, StringRangeCommands.SetRange, 1, 1, 1, "string", "Overwrites a part of a string value with another by an offset."),

        // Hashes (t_hash.c)
        new("hset", -4, Write | DenyOom | Fast, HashCommands.HSet, 1, 1, 1, "hash", "Creates or modifies the value of a field in a hash."),
        new("hsetnx", 4, Write | DenyOom | Fast, HashCommands.HSetNx, 1, 1, 1, "hash", "Sets the value of a field in a hash only when the field doesn't exist."),
        new("hmset", -4, Write | DenyOom | Fast, HashCommands.HMSet, 1, 1, 1, "hash", "Sets the values of multiple fields."),
        new("hget", 3, ReadOnly | Fast, HashCommands.HGet, 1, 1, 1, "hash", "Returns the value of a field in a hash."),
        new("hmget", -3, ReadOnly | Fast, HashCommands.HMGet, 1, 1, 1, "hash", "Returns the values of all fields in a hash."),
        new("hgetall", 2, ReadOnly, HashCommands.HGetAll, 1, 1, 1, "hash", "Returns all fields and values in a hash."),
        new("hdel", -3, Write | Fast, HashCommands.HDel, 1, 1, 1, "hash", "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain."),
        new("hexists", 3, ReadOnly | Fast, HashCommands.HExists, 1, 1, 1, "hash", "Determines whether a field exists in a hash."),
        new("hlen", 2, ReadOnly | Fast, HashCommands.HLen, 1, 1, 1, "hash", "Returns the number of fields in a hash."),
        new("hstrlen", 3, ReadOnly | Fast, HashCommands.HStrLen, 1, 1, 1, "hash", "Returns the length of the value of a field."),
        new("hkeys", 2, ReadOnly, HashCommands.HKeys, 1, 1, 1, "hash", "Returns all fields in a hash."),
        new("hvals", 2, ReadOnly, HashCommands.HVals, 1, 1, 1, "hash", "Returns all values in a hash."),
        new("hincrby", 4, Write | DenyOom | Fast, HashCounterCommands.HIncrBy, 1, 1, 1, "hash", "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist."),
        new("hincrbyfloat", 4, Write | DenyOom | Fast, HashCounterCommands.HIncrByFloat, 1, 1, 1, "hash", "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist."),
        new("hrandfield", -2, ReadOnly, HashRandomCommand.HRandField, 1, 1, 1, "hash", "Returns one or more random fields from a hash."),
        new("hscan", -3, ReadOnly, HashScanCommand.HScan, 1, 1, 1, "hash", "Iterates over fields and values of a hash."),

        // Lists (t_list.c)
        new("lpush", -3, Write | DenyOom | Fast, ListCommands.LPush, 1, 1, 1, "list", "Prepends one or more elements to a list. Creates the key if it doesn't exist."),
        new("rpush", -3, Write | DenyOom | Fast, ListCommands.RPush, 1, 1, 1, "list", "Appends one or more elements to a list. Creates the key if it doesn't exist."),
        new("lpushx", -3, Write | DenyOom | Fast, ListCommands.LPushX, 1, 1, 1, "list", "Prepends one or more elements to a list only when the list exists."),
        new("rpushx", -3, Write | DenyOom | Fast, ListCommands.RPushX, 1, 1, 1, "list", "Appends an element to a list only when the list exists."),
        new("lpop", -2, Write | Fast, ListCommands.LPop, 1, 1, 1, "list", "Returns the first elements in a list after removing it. Deletes the list if the last element was popped."),
        new("rpop", -2, Write | Fast, ListCommands.RPop, 1, 1, 1, "list", "Returns and removes the last elements of a list. Deletes the list if the last element was popped."),
        new("llen", 2, ReadOnly | Fast, ListCommands.LLen, 1, 1, 1, "list", "Returns the length of a list."),
        new("lindex", 3, ReadOnly, ListCommands.LIndex, 1, 1, 1, "list", "Returns an element from a list by its index."),
        new("lset", 4, Write | DenyOom, ListCommands.LSet, 1, 1, 1, "list", "Sets the value of an element in a list by its index."),
        new("linsert", 5, Write | DenyOom, ListCommands.LInsert, 1, 1, 1, "list", "Inserts an element before or after another element in a list."),
        new("lrange", 4, ReadOnly, ListRangeCommands.LRange, 1, 1, 1, "list", "Returns a range of elements from a list."),
        new("ltrim", 4, Write, ListRangeCommands.LTrim, 1, 1, 1, "list", "Removes elements from both ends a list. Deletes the list if all elements were trimmed."),
        new("lrem", 4, Write, ListRangeCommands.LRem, 1, 1, 1, "list", "Removes elements from a list. Deletes the list if the last element was removed."),
        new("lpos", -3, ReadOnly, ListRangeCommands.LPos, 1, 1, 1, "list", "Returns the index of matching elements in a list."),
        new("lmove", 5, Write | DenyOom, ListMoveCommands.LMove, 1, 2, 1, "list", "Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved."),
        new("rpoplpush", 3, Write | DenyOom, ListMoveCommands.RPopLPush, 1, 2, 1, "list", "Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped."),
        new("lmpop", -4, Write, ListMoveCommands.LMPop, 0, 0, 0, "list", "Returns multiple elements from a list after removing them. Deletes the list if the last element was popped."),
        new("blpop", -3, Write | NoScript | MayBlock, Blocking.BlockingListCommands.BLPop, 1, -2, 1, "list", "Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped."),
        new("brpop", -3, Write | NoScript | MayBlock, Blocking.BlockingListCommands.BRPop, 1, -2, 1, "list", "Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped."),
        new("blmpop", -5, Write | MayBlock, Blocking.BlockingListCommands.BLMPop, 0, 0, 0, "list", "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped."),
        new("blmove", 6, Write | DenyOom | NoScript | MayBlock, Blocking.BlockingMoveCommands.BLMove, 1, 2, 1, "list", "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved."),
        new("brpoplpush", 4, Write | DenyOom | NoScript | MayBlock, Blocking.BlockingMoveCommands.BRPopLPush, 1, 2, 1, "list", "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped."),

        // Sets (t_set.c)
        new("sadd", -3, Write | DenyOom | Fast, SetCommands.SAdd, 1, 1, 1, "set", "Adds one or more members to a set. Creates the key if it doesn't exist."),
        new("srem", -3, Write | Fast, SetCommands.SRem, 1, 1, 1, "set", "Removes one or more members from a set. Deletes the set if the last member was removed."),
        new("smove", 4, Write | Fast, SetCommands.SMove, 1, 2, 1, "set", "Moves a member from one set to another."),
        new("sismember", 3, ReadOnly | Fast, SetCommands.SIsMember, 1, 1, 1, "set", "Determines whether a member belongs to a set."),
        new("smismember", -3, ReadOnly | Fast, SetCommands.SMIsMember, 1, 1, 1, "set", "Determines whether multiple members belong to a set."),
        new("scard", 2, ReadOnly | Fast, SetCommands.SCard, 1, 1, 1, "set", "Returns the number of members in a set."),
        new("smembers", 2, ReadOnly, SetCommands.SMembers, 1, 1, 1, "set", "Returns all members of a set."),
        new("spop", -2, Write | Fast, SetRandomCommands.SPop, 1, 1, 1, "set", "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped."),
        new("srandmember", -2, ReadOnly, SetRandomCommands.SRandMember, 1, 1, 1, "set", "Get one or multiple random members from a set"),
        new("sinter", -2, ReadOnly, SetAlgebraCommands.SInter, 1, -1, 1, "set", "Returns the intersect of multiple sets."),
        new("sintercard", -3, ReadOnly, SetAlgebraCommands.SInterCard, 0, 0, 0, "set", "Returns the number of members of the intersect of multiple sets."),
        new("sinterstore", -3, Write | DenyOom, SetAlgebraCommands.SInterStore, 1, -1, 1, "set", "Stores the intersect of multiple sets in a key."),
        new("sunion", -2, ReadOnly, SetAlgebraCommands.SUnion, 1, -1, 1, "set", "Returns the union of multiple sets."),
        new("sunionstore", -3, Write | DenyOom, SetAlgebraCommands.SUnionStore, 1, -1, 1, "set", "Stores the union of multiple sets in a key."),
        new("sdiff", -2, ReadOnly, SetAlgebraCommands.SDiff, 1, -1, 1, "set", "Returns the difference of multiple sets."),
        new("sdiffstore", -3, Write | DenyOom, SetAlgebraCommands.SDiffStore, 1, -1, 1, "set", "Stores the difference of multiple sets in a key."),
        new("sscan", -3, ReadOnly, SetScanCommand.SScan, 1, 1, 1, "set", "Iterates over members of a set."),

        // Sorted sets (t_zset.c)
        new("zadd", -4, Write | DenyOom | Fast, SortedSets.SortedSetAddCommands.ZAdd, 1, 1, 1, "sorted-set", "Add one or more members to a sorted set, or update its score if it already exists."),
        new("zincrby", 4, Write | DenyOom | Fast, SortedSets.SortedSetAddCommands.ZIncrBy, 1, 1, 1, "sorted-set", "Increment the score of a member in a sorted set."),
        new("zrem", -3, Write | Fast, SortedSets.SortedSetRemoveCommands.ZRem, 1, 1, 1, "sorted-set", "Remove one or more members from a sorted set."),
        new("zremrangebyscore", 4, Write, SortedSets.SortedSetRemoveCommands.ZRemRangeByScore, 1, 1, 1, "sorted-set", "Remove all members in a sorted set within the given scores."),
        new("zremrangebyrank", 4, Write, SortedSets.SortedSetRemoveCommands.ZRemRangeByRank, 1, 1, 1, "sorted-set", "Remove all members in a sorted set within the given indexes."),
        new("zremrangebylex", 4, Write, SortedSets.SortedSetRemoveCommands.ZRemRangeByLex, 1, 1, 1, "sorted-set", "Remove all members in a sorted set between the given lexicographical range."),
        new("zunionstore", -4, Write | DenyOom, SortedSets.SortedSetAlgebraCommands.ZUnionStore, 1, 1, 1, "sorted-set", "Add multiple sorted sets and store the resulting sorted set in a new key."),
        new("zinterstore", -4, Write | DenyOom, SortedSets.SortedSetAlgebraCommands.ZInterStore, 1, 1, 1, "sorted-set", "Intersect multiple sorted sets and store the resulting sorted set in a new key."),
        new("zdiffstore", -4, Write | DenyOom, SortedSets.SortedSetAlgebraCommands.ZDiffStore, 1, 1, 1, "sorted-set", "Subtract multiple sorted sets and store the resulting sorted set in a new key."),
        new("zunion", -3, ReadOnly, SortedSets.SortedSetAlgebraCommands.ZUnion, 0, 0, 0, "sorted-set", "Add multiple sorted sets."),
        new("zinter", -3, ReadOnly, SortedSets.SortedSetAlgebraCommands.ZInter, 0, 0, 0, "sorted-set", "Intersect multiple sorted sets."),
        new("zdiff", -3, ReadOnly, SortedSets.SortedSetAlgebraCommands.ZDiff, 0, 0, 0, "sorted-set", "Subtract multiple sorted sets."),
        new("zintercard", -3, ReadOnly, SortedSets.SortedSetAlgebraCommands.ZInterCard, 0, 0, 0, "sorted-set", "Intersect multiple sorted sets and return the cardinality of the result."),
        new("zrange", -4, ReadOnly, SortedSets.SortedSetRangeCommands.ZRange, 1, 1, 1, "sorted-set", "Return a range of members in a sorted set."),
        new("zrangestore", -5, Write | DenyOom, SortedSets.SortedSetRangeCommands.ZRangeStore, 1, 2, 1, "sorted-set", "Store a range of members from sorted set into another key."),
        new("zrangebyscore", -4, ReadOnly, SortedSets.SortedSetRangeCommands.ZRangeByScore, 1, 1, 1, "sorted-set", "Return a range of members in a sorted set, by score."),
        new("zrevrangebyscore", -4, ReadOnly, SortedSets.SortedSetRangeCommands.ZRevRangeByScore, 1, 1, 1, "sorted-set", "Return a range of members in a sorted set, by score, with scores ordered from high to low."),
        new("zrangebylex", -4, ReadOnly, SortedSets.SortedSetRangeCommands.ZRangeByLex, 1, 1, 1, "sorted-set", "Return a range of members in a sorted set, by lexicographical range."),
        new("zrevrangebylex", -4, ReadOnly, SortedSets.SortedSetRangeCommands.ZRevRangeByLex, 1, 1, 1, "sorted-set", "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings."),
        new("zrevrange", -4, ReadOnly, SortedSets.SortedSetRangeCommands.ZRevRange, 1, 1, 1, "sorted-set", "Return a range of members in a sorted set, by index, with scores ordered from high to low."),
        new("zcount", 4, ReadOnly | Fast, SortedSets.SortedSetReadCommands.ZCount, 1, 1, 1, "sorted-set", "Count the members in a sorted set with scores within the given values."),
        new("zlexcount", 4, ReadOnly | Fast, SortedSets.SortedSetReadCommands.ZLexCount, 1, 1, 1, "sorted-set", "Count the number of members in a sorted set between a given lexicographical range."),
        new("zcard", 2, ReadOnly | Fast, SortedSets.SortedSetReadCommands.ZCard, 1, 1, 1, "sorted-set", "Get the number of members in a sorted set."),
        new("zscore", 3, ReadOnly | Fast, SortedSets.SortedSetReadCommands.ZScore, 1, 1, 1, "sorted-set", "Get the score associated with the given member in a sorted set."),
        new("zmscore", -3, ReadOnly | Fast, SortedSets.SortedSetReadCommands.ZMScore, 1, 1, 1, "sorted-set", "Get the score associated with the given members in a sorted set."),
        new("zrank", 3, ReadOnly | Fast, SortedSets.SortedSetReadCommands.ZRank, 1, 1, 1, "sorted-set", "Determine the index of a member in a sorted set."),
        new("zrevrank", 3, ReadOnly | Fast, SortedSets.SortedSetReadCommands.ZRevRank, 1, 1, 1, "sorted-set", "Determine the index of a member in a sorted set, with scores ordered from high to low."),
        new("zscan", -3, ReadOnly, SortedSets.SortedSetScanCommand.ZScan, 1, 1, 1, "sorted-set", "Incrementally iterate sorted sets elements and associated scores."),
        new("zpopmin", -2, Write | Fast, SortedSets.SortedSetRemoveCommands.ZPopMin, 1, 1, 1, "sorted-set", "Remove and return members with the lowest scores in a sorted set."),
        new("zpopmax", -2, Write | Fast, SortedSets.SortedSetRemoveCommands.ZPopMax, 1, 1, 1, "sorted-set", "Remove and return members with the highest scores in a sorted set."),
        new("bzpopmin", -3, Write | NoScript | MayBlock | Fast, Blocking.BlockingSortedSetCommands.BZPopMin, 1, -2, 1, "sorted-set", "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available."),
        new("bzpopmax", -3, Write | NoScript | MayBlock | Fast, Blocking.BlockingSortedSetCommands.BZPopMax, 1, -2, 1, "sorted-set", "Remove and return the member with the highest score from one or more sorted sets, or block until one is available."),
        new("zmpop", -4, Write, SortedSets.SortedSetRemoveCommands.ZMPop, 0, 0, 0, "sorted-set", "Remove and return members with scores in a sorted set."),
        new("bzmpop", -5, Write | MayBlock, Blocking.BlockingSortedSetCommands.BZMPop, 0, 0, 0, "sorted-set", "Remove and return members with scores in a sorted set or block until one is available."),
        new("zrandmember", -2, ReadOnly, SortedSets.SortedSetRandomCommand.ZRandMember, 1, 1, 1, "sorted-set", "Get one or multiple random elements from a sorted set."),

        // Sort (sort.c)
        new("sort", -2, Write | DenyOom | MovableKeys, Sort.SortCommand.Sort, 1, 1, 1, "generic", "Sort the elements in a list, set or sorted set", ["@write", "@set", "@sortedset", "@list", "@slow", "@dangerous"], Sort.SortOptions.KeyPositions),
        new("sort_ro", -2, ReadOnly | MovableKeys, Sort.SortCommand.SortReadOnly, 1, 1, 1, "generic", "Sort the elements in a list, set or sorted set. Read-only variant of SORT.", ["@read", "@set", "@sortedset", "@list", "@slow", "@dangerous"]),

        // Keys (db.c, expire.c)
        new("del", -2, Write, KeyCommands.Del, 1, -1, 1, "keyspace", "Deletes one or more keys."),
        new("unlink", -2, Write | Fast, KeyCommands.Del, 1, -1, 1, "keyspace", "Asynchronously deletes one or more keys."),
        new("exists", -2, ReadOnly | Fast, KeyCommands.Exists, 1, -1, 1, "keyspace", "Determines whether one or more keys exist."),
        new("type", 2, ReadOnly | Fast, KeyCommands.Type, 1, 1, 1, "keyspace", "Determines the type of value stored at a key."),
        new("keys", 2, ReadOnly, KeyCommands.Keys, 0, 0, 0, "keyspace", "Returns all key names that match a pattern."),
        new("scan", -2, ReadOnly, ScanCommand.Scan, 0, 0, 0, "keyspace", "Iterates over the key names in the database."),
        new("randomkey", 1, ReadOnly, KeyCommands.RandomKey, 0, 0, 0, "keyspace", "Returns a random key name from the database."),
        new("rename", 3, Write, KeyCommands.Rename, 1, 2, 1, "keyspace", "Renames a key and overwrites the destination."),
        new("renamenx", 3, Write | Fast, KeyCommands.RenameNx, 1, 2, 1, "keyspace", "Renames a key only when the target key name doesn't exist."),
        new("copy", -3, Write | DenyOom, KeyCommands.Copy, 1, 2, 1, "keyspace", "Copies the value of a key to a new key."),
        new("move", 3, Write, KeyCommands.Move, 1, 1, 1, "keyspace", "Moves a key to another database."),
        new("dump", 2, ReadOnly, DumpCommands.Dump, 1, 1, 1, "keyspace", "Returns a serialized representation of the value stored at a key."),
        new("restore", -4, Write | DenyOom, DumpCommands.Restore, 1, 1, 1, "keyspace", "Creates a key from the serialized representation of a value."),
        new("touch", -2, ReadOnly | Fast, KeyCommands.Touch, 1, -1, 1, "keyspace", "Returns the number of existing keys out of those specified after updating the time they were last accessed."),
        new("expire", -3, Write | Fast, ExpireCommands.Expire, 1, 1, 1, "keyspace", "Sets the expiration time of a key in seconds."),
        new("pexpire", -3, Write | Fast, ExpireCommands.PExpire, 1, 1, 1, "keyspace", "Sets the expiration time of a key in milliseconds."),
        new("expireat", -3, Write | Fast, ExpireCommands.ExpireAt, 1, 1, 1, "keyspace", "Sets the expiration time of a key to a Unix timestamp."),
        new("pexpireat", -3, Write | Fast, ExpireCommands.PExpireAt, 1, 1, 1, "keyspace", "Sets the expiration time of a key to a Unix milliseconds timestamp."),
        new("ttl", 2, ReadOnly | Fast, ExpireCommands.Ttl, 1, 1, 1, "keyspace", "Returns the expiration time in seconds of a key."),
        new("pttl", 2, ReadOnly | Fast, ExpireCommands.PTtl, 1, 1, 1, "keyspace", "Returns the expiration time in milliseconds of a key."),
        new("expiretime", 2, ReadOnly | Fast, ExpireCommands.ExpireTime, 1, 1, 1, "keyspace", "Returns the expiration time of a key as a Unix timestamp."),
        new("pexpiretime", 2, ReadOnly | Fast, ExpireCommands.PExpireTime, 1, 1, 1, "keyspace", "Returns the expiration time of a key as a Unix milliseconds timestamp."),
        new("persist", 2, Write | Fast, ExpireCommands.Persist, 1, 1, 1, "keyspace", "Removes the expiration time of a key."),
        new("dbsize", 1, ReadOnly | Fast, DatabaseCommands.DbSize, 0, 0, 0, "keyspace", "Returns the number of keys in the database."),
        new("flushdb", -1, Write, DatabaseCommands.FlushDb, 0, 0, 0, "keyspace", "Remove all keys from the current database."),
        new("flushall", -1, Write, DatabaseCommands.FlushAll, 0, 0, 0, "keyspace", "Removes all keys from all databases."),
        new("swapdb", 3, Write | Fast, DatabaseCommands.SwapDb, 0, 0, 0, "keyspace", "Swaps two Redis databases", ["@keyspace", "@write", "@fast", "@dangerous"]),
        new("select", 2, Loading | Stale | Fast, DatabaseCommands.Select, 0, 0, 0, "connection", "Changes the selected database."),

        // Connection (server.c, networking.c, acl.c)
        new("ping", -1, Fast | AllowedWhileSubscribed, ConnectionCommands.Ping, 0, 0, 0, "connection", "Returns the server's liveliness response."),
        new("echo", 2, Fast, ConnectionCommands.Echo, 0, 0, 0, "connection", "Returns the given string."),
        new("quit", -1, NoAuth | Fast | AllowedWhileSubscribed | Transaction, ConnectionCommands.Quit, 0, 0, 0, "connection", "Closes the connection."),
        new("reset", 1, NoAuth | Fast | AllowedWhileSubscribed | Transaction, ConnectionCommands.Reset, 0, 0, 0, "connection", "Resets the connection."),
        new("auth", -2, NoAuth | Fast | NoScript | Loading | Stale, ConnectionCommands.Auth, 0, 0, 0, "connection", "Authenticates the connection."),
        new("hello", -1, NoAuth | Fast | NoScript | Loading | Stale, ConnectionCommands.Hello, 0, 0, 0, "connection", "Handshakes with the Redis server."),
        new RedisCommand("client", -2, NoScript | Loading | Stale, null, group: "connection", summary: "A container for client connection commands.").With(
            new("id", 2, NoScript | Loading | Stale, ClientCommands.Id, group: "connection", summary: "Returns the unique client ID of the connection."),
            new("setname", 3, NoScript | Loading | Stale, ClientCommands.SetName, group: "connection", summary: "Sets the connection name."),
            new("getname", 2, NoScript | Loading | Stale, ClientCommands.GetName, group: "connection", summary: "Returns the name of the connection."),
            new("setinfo", 4, NoScript | Loading | Stale, ClientCommands.SetInfo, group: "connection", summary: "Sets information specific to the client or connection."),
            new("list", -2, Admin | NoScript | Loading | Stale, ClientCommands.List, group: "connection", summary: "Lists open connections."),
            new("info", 2, NoScript | Loading | Stale, ClientCommands.Info, group: "connection", summary: "Returns information about the connection."),
            new("kill", -3, Admin | NoScript | Loading | Stale, ClientCommands.Kill, group: "connection", summary: "Terminates open connections."),
            new("unblock", -3, Admin | NoScript | Loading | Stale, ClientCommands.Unblock, group: "connection", summary: "Unblocks a client blocked by a blocking command from a different connection.")),

        // Server (server.c, config.c)
        new("info", -1, Loading | Stale, ServerInfo.Info, 0, 0, 0, "server", "Returns information and statistics about the server."),
        new RedisCommand("config", -2, None, null, group: "server", summary: "A container for server configuration commands.").With(
            new("get", -3, Admin | NoScript | Loading | Stale, ConfigCommands.Get, group: "server", summary: "Returns the effective values of configuration parameters."),
            new("set", -4, Admin | NoScript | Loading | Stale, ConfigCommands.Set, group: "server", summary: "Sets configuration parameters in-flight."),
            new("resetstat", 2, Admin | NoScript | Loading | Stale, ConfigCommands.ResetStat, group: "server", summary: "Resets the server's statistics."),
            new("rewrite", 2, Admin | NoScript | Loading | Stale, ConfigCommands.Rewrite, group: "server", summary: "Persists the effective configuration to file.")),
        new RedisCommand("command", -1, Loading | Stale, CommandCommands.All, group: "server", summary: "Returns detailed information about all commands.").With(
            new("count", 2, Loading | Stale, CommandCommands.Count, group: "server", summary: "Returns a count of commands."),
            new("info", -2, Loading | Stale, CommandCommands.Info, group: "server", summary: "Returns information about one, multiple or all commands."),
            new("docs", -2, Loading | Stale, CommandCommands.Docs, group: "server", summary: "Returns documentary information about one, multiple or all commands."),
            new("getkeys", -4, Loading | Stale, CommandCommands.GetKeys, group: "server", summary: "Extract keys given a full Redis command"),
            new("list", -2, Loading | Stale, CommandCommands.List, group: "server", summary: "Returns a list of command names.")),
        new("time", 1, Loading | Stale | Fast, ServerCommands.Time, 0, 0, 0, "server", "Returns the server time."),
        new("shutdown", -1, Admin | NoScript | Loading | Stale | NoMulti, ServerCommands.Shutdown, 0, 0, 0, "server", "Synchronously saves the database(s) to disk and shuts down the Redis server."),
        new("role", 1, NoScript | Loading | Stale | Fast, ServerCommands.Role, 0, 0, 0, "server", "Returns the replication role."),
        new("lastsave", 1, Loading | Stale | Fast, ServerCommands.LastSave, 0, 0, 0, "server", "Returns the Unix timestamp of the last successful save to disk."),
        new("cluster", -2, None, ServerCommands.Cluster, 0, 0, 0, "cluster", "A container for Redis Cluster commands."),
        new RedisCommand("function", -2, None, null, group: "scripting", summary: "A container for function commands.").With(
            new RedisCommand("flush", -2, Write | NoScript, FunctionCommands.Flush, group: "scripting", summary: "Deletes all libraries and functions.")),

        new RedisCommand("memory", -2, None, null, group: "server", summary: "A container for memory diagnostics commands.").With(
            new RedisCommand("usage", -3, ReadOnly, MemoryCommands.Usage, 2, 2, 1, "server", "Estimates the memory usage of a key."),
            new("stats", 2, None, MemoryCommands.Stats, group: "server", summary: "Returns details about memory usage."),
            new("doctor", 2, None, MemoryCommands.Doctor, group: "server", summary: "Outputs a memory problems report."),
            new("malloc-stats", 2, None, MemoryCommands.MallocStats, group: "server", summary: "Returns the allocator statistics."),
            new("purge", 2, None, MemoryCommands.Purge, group: "server", summary: "Asks the allocator to release memory."),
            new("help", 2, Loading | Stale, MemoryCommands.Help, group: "server", summary: "Returns helpful text about the different subcommands.")),

        // Introspection (slowlog.c, latency.c, server.c's MONITOR)
        new RedisCommand("slowlog", -2, None, null, group: "server", summary: "A container for slow log commands.").With(
            new("get", -2, Admin | Loading | Stale, Introspection.SlowLogCommands.Get, group: "server", summary: "Returns the slow log's entries."),
            new("len", 2, Admin | Loading | Stale, Introspection.SlowLogCommands.Len, group: "server", summary: "Returns the number of entries in the slow log."),
            new("reset", 2, Admin | Loading | Stale, Introspection.SlowLogCommands.Reset, group: "server", summary: "Clears all entries from the slow log."),
            new("help", 2, Loading | Stale, Introspection.SlowLogCommands.Help, group: "server", summary: "Show helpful text about the different subcommands")),
        new RedisCommand("latency", -2, None, null, group: "server", summary: "A container for latency diagnostics commands.").With(
            new("latest", 2, Admin | NoScript | Loading | Stale, Introspection.LatencyCommands.Latest, group: "server", summary: "Returns the latest latency samples for all events."),
            new("history", 3, Admin | NoScript | Loading | Stale, Introspection.LatencyCommands.History, group: "server", summary: "Returns timestamp-latency samples for an event."),
            new("reset", -2, Admin | NoScript | Loading | Stale, Introspection.LatencyCommands.Reset, group: "server", summary: "Resets the latency data for one or more events."),
            new("histogram", -2, Admin | NoScript | Loading | Stale, Introspection.LatencyCommands.Histogram, group: "server", summary: "Returns the cumulative distribution of latencies of a subset or all commands."),
            new("graph", 3, Admin | NoScript | Loading | Stale, Introspection.LatencyCommands.Graph, group: "server", summary: "Returns a latency graph for an event."),
            new("doctor", 2, Admin | NoScript | Loading | Stale, Introspection.LatencyCommands.Doctor, group: "server", summary: "Returns a human-readable latency analysis report."),
            new("help", 2, Loading | Stale, Introspection.LatencyCommands.Help, group: "server", summary: "Returns helpful text about the different subcommands.")),
        new("monitor", 1, Admin | NoScript | Loading | Stale, Introspection.MonitorCommand.Monitor, 0, 0, 0, "server", "Listens for all requests received by the server in real-time."),
        new RedisCommand("object", -2, None, null, group: "keyspace", summary: "A container for object introspection commands.").With(
            new("encoding", 3, ReadOnly, ObjectCommands.Encoding, 2, 2, 1, "keyspace", "Returns the internal encoding of a Redis object."),
            new("refcount", 3, ReadOnly, ObjectCommands.RefCount, 2, 2, 1, "keyspace", "Returns the reference count of a value of a key."),
            new("idletime", 3, ReadOnly, ObjectCommands.IdleTime, 2, 2, 1, "keyspace", "Returns the time since the last access to a Redis object."),
            new("freq", 3, ReadOnly, ObjectCommands.Frequency, 2, 2, 1, "keyspace", "Returns the logarithmic access frequency counter of a Redis object.")),

        // Transactions (multi.c)
        new("multi", 1, NoScript | Loading | Stale | Fast | Transaction, TransactionCommands.Multi, 0, 0, 0, "transactions", "Starts a transaction."),
        new("exec", 1, NoScript | Loading | Stale | Transaction, TransactionCommands.Exec, 0, 0, 0, "transactions", "Executes all commands in a transaction."),
        new("discard", 1, NoScript | Loading | Stale | Fast | Transaction, TransactionCommands.Discard, 0, 0, 0, "transactions", "Discards a transaction."),
        new("watch", -2, NoScript | Loading | Stale | Fast | Transaction, TransactionCommands.Watch, 1, -1, 1, "transactions", "Monitors changes to keys to determine the execution of a transaction."),
        new("unwatch", 1, NoScript | Loading | Stale | Fast, TransactionCommands.Unwatch, 0, 0, 0, "transactions", "Forgets about watched keys of a transaction."),

        // Pub/sub (pubsub.c)
        new("subscribe", -2, PubSub | NoScript | Loading | Stale | AllowedWhileSubscribed, PubSubCommands.Subscribe, 0, 0, 0, "pubsub", "Listens for messages published to channels."),
        new("psubscribe", -2, PubSub | NoScript | Loading | Stale | AllowedWhileSubscribed, PubSubCommands.PSubscribe, 0, 0, 0, "pubsub", "Listens for messages published to channels that match one or more patterns."),
        new("unsubscribe", -1, PubSub | NoScript | Loading | Stale | AllowedWhileSubscribed, PubSubCommands.Unsubscribe, 0, 0, 0, "pubsub", "Stops listening to messages posted to channels."),
        new("punsubscribe", -1, PubSub | NoScript | Loading | Stale | AllowedWhileSubscribed, PubSubCommands.PUnsubscribe, 0, 0, 0, "pubsub", "Stops listening to messages published to channels that match one or more patterns."),
        new("publish", 3, PubSub | Loading | Stale | Fast, PubSubCommands.Publish, 0, 0, 0, "pubsub", "Posts a message to a channel."),
        new RedisCommand("pubsub", -2, None, null, group: "pubsub", summary: "A container for Pub/Sub commands.").With(
            new("channels", -2, PubSub | Loading | Stale, PubSubCommands.Channels, group: "pubsub", summary: "Returns the active channels."),
            new("numsub", -2, PubSub | Loading | Stale, PubSubCommands.NumSub, group: "pubsub", summary: "Returns a count of subscribers to channels."),
            new("numpat", 2, PubSub | Loading | Stale, PubSubCommands.NumPat, group: "pubsub", summary: "Returns a count of unique pattern subscriptions.")),
    ]);

    private readonly Dictionary<string, RedisCommand> _byName;
    private readonly Dictionary<string, RedisCommand>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public RedisCommandTable(IReadOnlyList<RedisCommand> commands)
    {
        Top = commands;
        All = commands.SelectMany(command => command.Subcommands is { } subcommands ? [command, .. subcommands.Values] : new[] { command }).ToArray();
        for (var index = 0; index < All.Count; index++)
        {
            All[index].Number(index);
        }

        _byName = commands.ToDictionary(command => command.Name, StringComparer.OrdinalIgnoreCase);
        _bySpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The top-level commands, in table order.</summary>
    public IReadOnlyList<RedisCommand> Top { get; }

    /// <summary>Commands and subcommands; a command's place here is its <see cref="RedisCommand.Index"/>.</summary>
    public IReadOnlyList<RedisCommand> All { get; }

    public bool TryFind(byte[] name, out RedisCommand command)
    {
        command = null!;
        if (name.Length is 0 or > 32)
        {
            return false;
        }

        Span<char> chars = stackalloc char[name.Length];
        var count = Encoding.Latin1.GetChars(name, chars);
        return _bySpan.TryGetValue(chars[..count], out command!);
    }
}
