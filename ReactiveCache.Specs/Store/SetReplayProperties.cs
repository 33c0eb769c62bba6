using System.Reactive.Linq;
using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using ReactiveCache.Store;
using ReactiveCache.Store.Memory;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// Whatever set commands run (through Redis and the in-process API, mixed with the key commands that move or copy a
/// set), <c>used_memory</c> stays exactly the sum of the live footprints, and the change stream from sequence 1,
/// applied onto an empty store, rebuilds every set: members, encoding, size.
/// </summary>
public sealed class SetReplayProperties
{
    private static readonly string[] s_keys = ["s1", "s2", "s3", "str"];

    private static readonly Gen<(int Op, int Key, int Other, int Member)> s_commands =
        Gen.Select(Gen.Int[0, 16], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 40], (op, key, other, member) => (op, key, other, member));

    [Test]
    public void Random_set_commands_keep_used_memory_exact_and_their_changes_rebuild_the_sets() =>
        s_commands.Array[1, 200].Sample(commands => ReplayCheck.Run(commands, Execute, Describe, afterEach: store =>
        {
            var (used, sum, consistent) = Audit(store);
            Assert.That(used, Is.EqualTo(sum), "used_memory is the sum of the live footprints");
            Assert.That(consistent, Is.True, "each entry's footprint is what its value costs now");
        }), iter: 60);

    private static void Execute(RedisHarness.Client client, CacheStore store, (int Op, int Key, int Other, int Member) command)
    {
        var (key, other) = (s_keys[command.Key], s_keys[command.Other]);
        // Integers keep sets intsets for a while; a few words turn them into hashtables.
        var member = command.Member < 32 ? command.Member.ToString(System.Globalization.CultureInfo.InvariantCulture) : "m" + command.Member;
        var next = (command.Member * 7 % 41).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (command.Op)
        {
            case 0 or 1: client.Send("SADD", key, member, next, member); break;
            case 2: client.Send("SREM", key, member, next); break;
            case 3: client.Send("SPOP", key); break;
            case 4: client.Send("SPOP", key, (command.Member % 5).ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case 5: client.Send("SMOVE", key, other, member); break;
            case 6: client.Send("SINTERSTORE", key, other, s_keys[(command.Key + 1) % 3]); break;
            case 7: client.Send("SUNIONSTORE", other, key, other); break;
            case 8: client.Send("SDIFFSTORE", key, other, key); break;
            case 9: client.Send("SDIFFSTORE", other, key, s_keys[(command.Other + 2) % 3]); break;
            case 10: client.Send("COPY", key, other, "REPLACE"); break;
            case 11: client.Send("RENAME", key, other); break;
            case 12: client.Send("DEL", key); break;
            case 13: ReplayCheck.IgnoringWrongType(() => store.AddMembers(key, member, "x" + next)); break;
            case 14: ReplayCheck.IgnoringWrongType(() => store.RemoveMembers(key, member)); break;
            case 15: ReplayCheck.IgnoringWrongType(() => store.MoveMember(key, other, next)); break;
            default: ReplayCheck.IgnoringWrongType(() => store.PopMembers(key, command.Member % 3)); break;
        }
    }

    private static (long Used, long Sum, bool Consistent) Audit(CacheStore store) =>
        store.Write(0, static (writer, _) =>
        {
            long sum = 0;
            var consistent = true;
            foreach (var (_, entry) in writer.Entries)
            {
                sum += MemoryFootprint.Of(entry);
                consistent &= entry.Footprint == MemoryFootprint.Of(entry);
            }

            return (writer.Memory.Used, sum, consistent);
        });

    // Members and sizes, not the encoding: a whole-value change (COPY, RENAME) carries the members alone, so a set of
    // integers that became a hashtable comes back as an intset, as Redis re-chooses encodings when it loads an RDB.
    private static string? Describe(CacheValue value) => value switch
    {
        SetValue set => $"set {set.Size} [{string.Join(",", set.ToArray().Select(Encoding.UTF8.GetString).Order(StringComparer.Ordinal))}]",
        _ => null,
    };
}
