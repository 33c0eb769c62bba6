using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// A hash changed in place stays what a plain dictionary would be after the same edits: the same fields, a size that
/// is the sum of its parts, and slots (HSCAN's cursor, HRANDFIELD's sample) that hold each field exactly once.
/// </summary>
public sealed class HashValueProperties
{
    private static readonly Gen<(bool Set, int Field, int Length)> s_edits =
        Gen.Select(Gen.Bool, Gen.Int[0, 300], Gen.Int[0, 80], (set, field, length) => (set, field, length));

    [Test]
    public void Edits_in_place_match_a_dictionary_and_keep_size_and_slots_consistent() =>
        s_edits.Array[1, 1500].Sample(edits =>
        {
            var hash = new HashValue();
            var model = new Dictionary<string, string>();
            var listpack = true;
            foreach (var (set, field, length) in edits)
            {
                var name = "f" + field;
                if (set)
                {
                    var value = new string('v', length);
                    hash.Set(Encoding.ASCII.GetBytes(name), Encoding.ASCII.GetBytes(value), ListpackLimits.HashDefaults);
                    model[name] = value;
                    listpack &= length <= ListpackLimits.HashDefaults.MaxValue && model.Count <= ListpackLimits.HashDefaults.MaxEntries;
                }
                else
                {
                    Assert.That(hash.Remove(Encoding.ASCII.GetBytes(name)), Is.EqualTo(model.Remove(name)));
                }
            }

            var fields = hash.Fields.ToDictionary(field => Encoding.ASCII.GetString(field.Name), field => Encoding.ASCII.GetString(field.Value!));
            var slotted = Enumerable.Range(0, hash.Slots.End).Select(hash.Slots.At).OfType<byte[]>().Select(Encoding.ASCII.GetString).ToList();
            Assert.That(fields, Is.EquivalentTo(model));
            Assert.That(slotted, Is.EquivalentTo(model.Keys), "each field in exactly one slot");
            Assert.That(hash.Size, Is.EqualTo(new HashValue().Size + model.Sum(pair => pair.Key.Length + pair.Value.Length + HashValue.FieldOverhead)));
            Assert.That(hash.IsListpack, Is.EqualTo(listpack), "a hash leaves listpack once and never returns");
        }, iter: 100);
}
