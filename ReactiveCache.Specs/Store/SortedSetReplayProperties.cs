using System.Globalization;
using System.Reactive.Linq;
using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// Whatever sorted-set commands run (ZADD with its options, ZINCRBY, the removals and pops, the STORE forms, through
/// Redis and the in-process API, mixed with the key commands that move or copy a sorted set), the change stream from
/// sequence 1, applied onto an empty store, rebuilds every sorted set: members, scores, order and size.
/// </summary>
public sealed class SortedSetReplayProperties
{
    private static readonly string[] s_keys = ["z1", "z2", "z3", "str"];

    private static readonly string[] s_options = ["", "NX", "XX", "GT", "LT", "CH", "XX CH", "GT CH", "NX INCR", "XX INCR", "LT INCR"];

    private static readonly Gen<(int Op, int Key, int Other, int Member, int Score)> s_commands =
        Gen.Select(Gen.Int[0, 19], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 30], Gen.Int[-8, 8], (op, key, other, member, score) => (op, key, other, member, score));

    [Test]
    public void Random_sorted_set_commands_are_rebuilt_by_replaying_their_changes() =>
        s_commands.Array[1, 150].Sample(commands => ReplayCheck.Run(commands, Execute, Describe), iter: 60);

    private static void Execute(RedisHarness.Client client, CacheStore store, (int Op, int Key, int Other, int Member, int Score) command)
    {
        var (key, other, third) = (s_keys[command.Key], s_keys[command.Other], s_keys[(command.Key + 1) % 3]);
        var member = "m" + command.Member;
        var next = "m" + (command.Member * 7 % 31);
        var score = Score(command.Score);
        var small = (command.Member % 6).ToString(CultureInfo.InvariantCulture);
        switch (command.Op)
        {
            case 0 or 1: client.Send([.. Words("ZADD", key, s_options[command.Member % s_options.Length]), score, member]); break;
            case 2: client.Send("ZADD", key, score, member, Score(command.Score / 2), next); break;
            case 3: client.Send("ZINCRBY", key, score, member); break;
            case 4: client.Send("ZREM", key, member, next); break;
            case 5: client.Send("ZPOPMIN", key, small); break;
            case 6: client.Send("ZPOPMAX", key); break;
            case 7: client.Send("ZREMRANGEBYRANK", key, small, (command.Score / 2).ToString(CultureInfo.InvariantCulture)); break;
            case 8: client.Send("ZREMRANGEBYSCORE", key, "(" + score, Score(command.Score + 3)); break;
            case 9: client.Send("ZREMRANGEBYLEX", key, "[" + next, "(" + member); break;
            case 10: client.Send("ZRANGESTORE", other, key, "0", small); break;
            case 11: client.Send("ZRANGESTORE", other, key, "(" + score, "+inf", "BYSCORE", "LIMIT", "1", small); break;
            case 12: client.Send("ZUNIONSTORE", other, "2", key, third, "WEIGHTS", "2", small, "AGGREGATE", command.Score > 0 ? "MAX" : "SUM"); break;
            case 13: client.Send("ZINTERSTORE", key, "2", key, other); break;
            case 14: client.Send("COPY", key, other, "REPLACE"); break;
            case 15: client.Send("RENAME", key, other); break;
            case 16: client.Send("DEL", key); break;
            case 17: ReplayCheck.IgnoringWrongType(() => store.AddScored(key, (member, command.Score / 4.0), (next, command.Score))); break;
            case 18: ReplayCheck.IgnoringWrongType(() => store.RemoveScored(key, member)); break;
            default: ReplayCheck.IgnoringWrongType(() => store.PopMax(key, command.Member % 3)); break;
        }
    }

    private static string[] Words(string command, string key, string options) =>
        [command, key, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    // A small grid of scores, so ties and equal-score updates are common, with both infinities and a negative zero.
    private static string Score(int step) => step switch
    {
        -8 => "-inf",
        8 => "+inf",
        -7 => "-0",
        _ => (step / 2.0).ToString("R", CultureInfo.InvariantCulture),
    };

    private static string? Describe(CacheValue value) => value switch
    {
        SortedSetValue sortedSet => $"zset {sortedSet.Size} [{string.Join(",", sortedSet.ToArray().Select(Scored))}]",
        _ => null,
    };

    // "R" keeps a negative zero's sign, so a replay that lost it would show.
    private static string Scored(ScoredMember scored) =>
        $"{Encoding.UTF8.GetString(scored.Member)}:{scored.Score.ToString("R", CultureInfo.InvariantCulture)}";
}
