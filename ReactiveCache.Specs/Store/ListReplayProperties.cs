using System.Globalization;
using System.Reactive.Linq;
using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// Whatever list commands run (through Redis and the in-process API, mixed with the key commands that delete, move or
/// copy a list), the change stream from sequence 1, applied onto an empty store, rebuilds every list element for
/// element, in order, and <c>used_memory</c> with it: each edit names the index that makes the same list.
/// </summary>
public sealed class ListReplayProperties
{
    private static readonly string[] s_keys = ["l1", "l2", "l3", "str"];

    private static readonly Gen<(int Op, int Key, int Other, int Arg)> s_commands =
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[-6, 12], (op, key, other, arg) => (op, key, other, arg));

    [Test]
    public void Random_list_commands_make_changes_that_rebuild_every_list_in_order() =>
        s_commands.Array[1, 200].Sample(commands => ReplayCheck.Run(commands, Execute, Describe), iter: 60);

    private static void Execute(RedisHarness.Client client, CacheStore store, (int Op, int Key, int Other, int Arg) command)
    {
        var (key, other) = (s_keys[command.Key], s_keys[command.Other]);
        var arg = command.Arg.ToString(CultureInfo.InvariantCulture);

        // Few distinct elements, so LREM, LINSERT's pivot and LPOS find matches.
        var element = "e" + Math.Abs(command.Arg % 4);
        var end = command.Arg % 2 == 0 ? "LEFT" : "RIGHT";
        switch (command.Op)
        {
            case 0 or 1: client.Send("RPUSH", key, element, "e" + Math.Abs(command.Arg % 3), arg); break;
            case 2: client.Send("LPUSH", key, arg, element); break;
            case 3: client.Send("LPUSHX", key, element); break;
            case 4: client.Send("RPUSHX", key, arg); break;
            case 5: client.Send("LPOP", key, Math.Abs(command.Arg % 4).ToString(CultureInfo.InvariantCulture)); break;
            case 6: client.Send("RPOP", key); break;
            case 7: client.Send("LSET", key, arg, "set" + arg); break;
            case 8: client.Send("LINSERT", key, command.Arg % 2 == 0 ? "BEFORE" : "AFTER", element, "ins" + arg); break;
            case 9: client.Send("LREM", key, (command.Arg % 3).ToString(CultureInfo.InvariantCulture), element); break;
            case 10: client.Send("LTRIM", key, (command.Arg % 3).ToString(CultureInfo.InvariantCulture), (command.Arg - 3).ToString(CultureInfo.InvariantCulture)); break;
            case 11: client.Send("LMOVE", key, other, end, command.Arg % 3 == 0 ? "LEFT" : "RIGHT"); break;
            case 12: client.Send("RPOPLPUSH", key, other); break;
            case 13: client.Send("LMPOP", "2", key, other, end, "COUNT", Math.Max(1, command.Arg).ToString(CultureInfo.InvariantCulture)); break;
            case 14: client.Send("DEL", key); break;
            case 15: client.Send("RENAME", key, other); break;
            case 16: client.Send("COPY", key, other, "REPLACE"); break;
            case 17: ReplayCheck.IgnoringWrongType(() => store.PushLeft(key, element, "api" + arg)); break;
            case 18: ReplayCheck.IgnoringWrongType(() => store.PopRight(key)); break;
            case 19: ReplayCheck.IgnoringWrongType(() => store.PushRight(key, "api" + arg)); break;
            default: ReplayCheck.IgnoringWrongType(() => store.PopLeft(key)); break;
        }
    }

    private static string? Describe(CacheValue value) => value switch
    {
        ListValue list => $"list {list.Size} [{string.Join(",", list.Range(0, list.Count - 1).Select(Encoding.UTF8.GetString))}]",
        _ => null,
    };
}
