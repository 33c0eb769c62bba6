using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// A set changed in place stays what a plain hash set would be after the same edits: the same members, a size that is
/// the sum of its parts, slots (SSCAN's cursor, the random picks) that hold each member exactly once, and the intset
/// encoding Redis 7.0 would have chosen.
/// </summary>
public sealed class SetValueProperties
{
    private const long MaxIntset = 40;

    private static readonly Gen<(bool Add, int Member, bool Text)> s_edits =
        Gen.Select(Gen.Int[0, 2], Gen.Int[-60, 300], Gen.Int[0, 30], (add, member, text) => (add > 0, member, text == 0));

    [Test]
    public void Edits_in_place_match_a_hash_set_and_keep_size_slots_and_encoding_consistent() =>
        s_edits.Array[1, 1500].Sample(edits =>
        {
            var set = new SetValue();
            var model = new HashSet<string>();
            var intset = true;
            foreach (var (add, number, text) in edits)
            {
                var member = text ? "m" + number : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (add)
                {
                    Assert.That(set.Add(Encoding.ASCII.GetBytes(member), MaxIntset), Is.EqualTo(model.Add(member)));
                    intset &= !text && model.Count <= MaxIntset;
                }
                else
                {
                    Assert.That(set.Remove(Encoding.ASCII.GetBytes(member)) is not null, Is.EqualTo(model.Remove(member)));
                }
            }

            var slotted = Enumerable.Range(0, set.Slots.End).Select(set.Slots.At).OfType<byte[]>().Select(Encoding.ASCII.GetString).ToList();
            Assert.That(set.ToArray().Select(Encoding.ASCII.GetString), Is.EquivalentTo(model));
            Assert.That(slotted, Is.EquivalentTo(model), "each member in exactly one slot");
            Assert.That(set.Size, Is.EqualTo(new SetValue().Size + model.Sum(member => ReactiveCache.Store.Memory.MemoryFootprint.Array(member.Length) + SetValue.MemberOverhead)));
            Assert.That(set.IsIntset, Is.EqualTo(intset), "a set leaves intset once and never returns");
            if (model.Count > 0)
            {
                Assert.That(model, Does.Contain(Encoding.ASCII.GetString(set.RandomMember())));
            }
        }, iter: 100);

    [Test]
    public void A_copy_is_independent_and_keeps_the_encoding()
    {
        var set = new SetValue();
        set.Add("1"u8.ToArray(), MaxIntset);
        set.Add("2"u8.ToArray(), MaxIntset);

        var copy = (SetValue)set.Copy();
        set.Add("x"u8.ToArray(), MaxIntset);

        Assert.That(copy.Count, Is.EqualTo(2));
        Assert.That(copy.IsIntset, Is.True);
        Assert.That(set.IsIntset, Is.False);
        Assert.That(copy.Size, Is.LessThan(set.Size));
    }
}
