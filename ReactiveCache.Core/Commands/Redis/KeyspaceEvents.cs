using System.Text;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Translates between the <c>notify-keyspace-events</c> string and its flags (keyspaceEventsStringToFlags
/// and keyspaceEventsFlagsToString in notify.c), and names the Redis event for each store change.
/// </summary>
internal static class KeyspaceEvents
{
    public static bool TryParse(string text, out KeyspaceEventFlags flags)
    {
        flags = KeyspaceEventFlags.None;
        foreach (var c in text)
        {
            var flag = c switch
            {
                'A' => KeyspaceEventFlags.All,
                'g' => KeyspaceEventFlags.Generic,
                '$' => KeyspaceEventFlags.String,
                'l' => KeyspaceEventFlags.List,
                's' => KeyspaceEventFlags.Set,
                'h' => KeyspaceEventFlags.Hash,
                'z' => KeyspaceEventFlags.SortedSet,
                'x' => KeyspaceEventFlags.Expired,
                'e' => KeyspaceEventFlags.Evicted,
                'K' => KeyspaceEventFlags.Keyspace,
                'E' => KeyspaceEventFlags.Keyevent,
                't' => KeyspaceEventFlags.Stream,
                'm' => KeyspaceEventFlags.KeyMiss,
                'd' => KeyspaceEventFlags.Module,
                'n' => KeyspaceEventFlags.New,
                _ => (KeyspaceEventFlags?)null,
            };
            if (flag is null)
            {
                return false;
            }

            flags |= flag.Value;
        }

        return true;
    }

    public static string Format(KeyspaceEventFlags flags)
    {
        var text = new StringBuilder();
        if ((flags & KeyspaceEventFlags.All) == KeyspaceEventFlags.All)
        {
            text.Append('A');
        }
        else
        {
            Append(text, flags, KeyspaceEventFlags.Generic, 'g');
            Append(text, flags, KeyspaceEventFlags.String, '$');
            Append(text, flags, KeyspaceEventFlags.List, 'l');
            Append(text, flags, KeyspaceEventFlags.Set, 's');
            Append(text, flags, KeyspaceEventFlags.Hash, 'h');
            Append(text, flags, KeyspaceEventFlags.SortedSet, 'z');
            Append(text, flags, KeyspaceEventFlags.Expired, 'x');
            Append(text, flags, KeyspaceEventFlags.Evicted, 'e');
            Append(text, flags, KeyspaceEventFlags.Stream, 't');
            Append(text, flags, KeyspaceEventFlags.Module, 'd');
        }

        Append(text, flags, KeyspaceEventFlags.New, 'n');
        Append(text, flags, KeyspaceEventFlags.Keyspace, 'K');
        Append(text, flags, KeyspaceEventFlags.Keyevent, 'E');
        Append(text, flags, KeyspaceEventFlags.KeyMiss, 'm');
        return text.ToString();
    }

    /// <summary>
    /// The Redis events a change stands for, in the order Redis announces them: derived from what the change did, so
    /// <c>SET k v EX 10</c> (one change) is <c>set</c> then <c>expire</c>, and an HDEL that empties the hash is
    /// <c>hdel</c> then <c>del</c>. A flush and memcached's marks announce nothing, as Redis has no such events.
    /// </summary>
    public static IEnumerable<(string Name, KeyspaceEventFlags Class)> Of(CacheChange change)
    {
        if (change.Has(ChangeOperations.FieldsDeleted))
        {
            yield return ("hdel", KeyspaceEventFlags.Hash);
        }

        // A pop that empties the list is "lpop" then "del", as the hash's "hdel" then "del".
        if (change.Has(ChangeOperations.ElementsEdited) && CollectionEvent(change.Reason) is { } edited)
        {
            yield return edited;
            if (TurnedPop(change) is { } popped)
            {
                yield return popped;
            }
        }

        if (change.Has(ChangeOperations.KeyRemoved))
        {
            if (Removal(change) is { } removal)
            {
                yield return removal;
            }

            yield break;
        }

        if (change.Has(ChangeOperations.FieldsSet))
        {
            yield return (change.Reason switch
            {
                ChangeReason.HashIncrement => "hincrby",
                ChangeReason.HashIncrementFloat => "hincrbyfloat",
                _ => "hset",
            }, KeyspaceEventFlags.Hash);
        }
        else if (change.Has(ChangeOperations.ValueSet))
        {
            if (ValueEvent(change.Reason) is { } set)
            {
                yield return set;
            }

            // SET ... EX, SETEX, a memcached set with an exptime: Redis follows "set" with "expire".
            if (change.Reason == ChangeReason.Set && change.Has(ChangeOperations.ExpiryChanged) && change.ExpiresAt is not null)
            {
                yield return ("expire", KeyspaceEventFlags.Generic);
            }
        }
        else if (change.Has(ChangeOperations.ExpiryChanged))
        {
            yield return (change.ExpiresAt is null ? "persist" : "expire", KeyspaceEventFlags.Generic);
        }
    }

    // A key given a time already past by a command is deleted, and Redis says "del" (checkAlreadyExpired), not "expired".
    private static (string, KeyspaceEventFlags)? Removal(CacheChange change) => change.Kind switch
    {
        ChangeKind.Expired when change.Reason == ChangeReason.Expired => ("expired", KeyspaceEventFlags.Expired),
        ChangeKind.Evicted => ("evicted", KeyspaceEventFlags.Evicted),
        _ => change.Reason switch
        {
            ChangeReason.RenameFrom => ("rename_from", KeyspaceEventFlags.Generic),
            ChangeReason.MoveFrom => ("move_from", KeyspaceEventFlags.Generic),
            ChangeReason.Flush or ChangeReason.SwapDb => null,
            _ => ("del", KeyspaceEventFlags.Generic),
        },
    };

    private static (string, KeyspaceEventFlags)? ValueEvent(ChangeReason reason) => reason switch
    {
        ChangeReason.Set => ("set", KeyspaceEventFlags.String),
        ChangeReason.Increment => ("incrby", KeyspaceEventFlags.String),
        ChangeReason.IncrementFloat => ("incrbyfloat", KeyspaceEventFlags.String),
        ChangeReason.Append or ChangeReason.Prepend => ("append", KeyspaceEventFlags.String),
        ChangeReason.SetRange => ("setrange", KeyspaceEventFlags.String),
        ChangeReason.RenameTo => ("rename_to", KeyspaceEventFlags.Generic),
        ChangeReason.MoveTo => ("move_to", KeyspaceEventFlags.Generic),
        ChangeReason.Copy => ("copy_to", KeyspaceEventFlags.Generic),
        ChangeReason.Restore => ("restore", KeyspaceEventFlags.Generic),
        ChangeReason.SortStore => ("sortstore", KeyspaceEventFlags.List),
        _ => CollectionEvent(reason),
    };

    // LMOVE (RPOPLPUSH, a served BLMOVE) of a list into itself is one change of a pop and a push, named for the push;
    // lmoveGenericCommand announces the push and then the pop, so the pop's event follows.
    private static (string, KeyspaceEventFlags)? TurnedPop(CacheChange change)
    {
        if (change.Reason is not (ChangeReason.ListPushLeft or ChangeReason.ListPushRight) || change.Elements is not { } edits)
        {
            return null;
        }

        foreach (var edit in edits)
        {
            if (edit.Edit == ElementEdit.Removed)
            {
                return (edit.Index == 0 ? "lpop" : "rpop", KeyspaceEventFlags.List);
            }
        }

        return null;
    }

    /// <summary>The events of t_list.c, t_set.c and t_zset.c, in the class of the reason's type.</summary>
    private static (string, KeyspaceEventFlags)? CollectionEvent(ChangeReason reason) =>
        Changes.CollectionEventNames.Of(reason) is { } name
            ? (name, name[0] switch { 'l' or 'r' => KeyspaceEventFlags.List, 's' => KeyspaceEventFlags.Set, _ => KeyspaceEventFlags.SortedSet })
            : null;

    private static void Append(StringBuilder text, KeyspaceEventFlags flags, KeyspaceEventFlags flag, char letter)
    {
        if ((flags & flag) != 0)
        {
            text.Append(letter);
        }
    }
}
