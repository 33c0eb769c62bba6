using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Store.Memory;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// A list changed in place stays what a plain <see cref="List{T}"/> would be after the same edits, however its ring
/// wraps, grows and gives capacity back: the same elements in order, ranges that read them, a size that is the sum of
/// its parts, and LREM's edits that, applied in order to the list as it was, make the list it became.
/// </summary>
public sealed class ListValueProperties
{
    // ListValue's cost of one element's slot in the ring, beside the element's own array.
    private const long SlotOverhead = 12;

    private static readonly Gen<(int Op, int Index, int Element)> s_edits =
        Gen.Select(Gen.Int[0, 12], Gen.Int[0, 1000], Gen.Int[0, 6], (op, index, element) => (op, index, element));

    [Test]
    public void Edits_in_place_match_a_list_model_and_keep_the_size_exact() =>
        s_edits.Array[1, 1500].Sample(edits =>
        {
            var list = new ListValue();
            var model = new List<string>();
            foreach (var edit in edits)
            {
                Edit(list, model, edit);
                Assert.That(list.Count, Is.EqualTo(model.Count));
                Assert.That(Text(list.Range(0, list.Count - 1)), Is.EqualTo(model));
            }

            Assert.That(list.Size, Is.EqualTo(new ListValue().Size + model.Sum(element => MemoryFootprint.Array(element.Length) + SlotOverhead)));
            if (model.Count > 0)
            {
                var (start, stop) = (edits[0].Index % model.Count, edits[^1].Index % model.Count);
                Assert.That(Text(list.Range(start, stop)), Is.EqualTo(start > stop ? [] : model.GetRange(start, stop - start + 1)));
                Assert.That(Text([list[model.Count - 1]]), Is.EqualTo(new[] { model[^1] }));
            }
        }, iter: 100);

    [Test]
    public void A_copy_is_independent_of_the_list_it_came_from()
    {
        var list = new ListValue();
        list.PushRight("a"u8.ToArray());
        list.PushLeft("b"u8.ToArray());

        var copy = (ListValue)list.Copy();
        list.PopLeft();
        list[0] = "z"u8.ToArray();

        Assert.That(Text(copy.Range(0, copy.Count - 1)), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(copy.Size, Is.EqualTo(new ListValue().Size + (2 * (MemoryFootprint.Array(1) + SlotOverhead))));
    }

    // Pushes outweigh pops, so lists grow past 64 slots (where a drained ring shrinks) and wrap around.
    private static void Edit(ListValue list, List<string> model, (int Op, int Index, int Element) edit)
    {
        var element = edit.Element == 6 ? "long-element-" + edit.Index : "e" + edit.Element;
        var bytes = Encoding.ASCII.GetBytes(element);
        var at = model.Count == 0 ? 0 : edit.Index % model.Count;
        switch (edit.Op)
        {
            case 0 or 1 or 2:
                list.PushLeft(bytes);
                model.Insert(0, element);
                break;
            case 3 or 4 or 5:
                list.PushRight(bytes);
                model.Add(element);
                break;
            case 6 when model.Count > 0:
                Assert.That(Encoding.ASCII.GetString(list.PopLeft()), Is.EqualTo(model[0]));
                model.RemoveAt(0);
                break;
            case 7 when model.Count > 0:
                Assert.That(Encoding.ASCII.GetString(list.PopRight()), Is.EqualTo(model[^1]));
                model.RemoveAt(model.Count - 1);
                break;
            case 8:
                var insertAt = edit.Index % (model.Count + 1);
                list.Insert(insertAt, bytes);
                model.Insert(insertAt, element);
                break;
            case 9 when model.Count > 0:
                Assert.That(Encoding.ASCII.GetString(list.RemoveAt(at)), Is.EqualTo(model[at]));
                model.RemoveAt(at);
                break;
            case 10 when model.Count > 0:
                list[at] = bytes;
                model[at] = element;
                break;
            case 11:
                RemoveMatches(list, model, bytes, limit: edit.Index % 4, fromTail: edit.Index % 8 >= 4);
                break;
            case 12 when model.Count > 0:
                // LTRIM's way: pop from the head, then from the tail; mostly a few, so lists still grow, and now and
                // then all but three, so a ring that grew gives its capacity back.
                var head = edit.Element == 0 ? Math.Max(0, model.Count - 3) : edit.Index % Math.Min(model.Count, 5);
                var tail = Math.Min(edit.Element, model.Count - head);
                for (var i = 0; i < head; i++)
                {
                    list.PopLeft();
                }

                for (var i = 0; i < tail; i++)
                {
                    list.PopRight();
                }

                model.RemoveRange(0, head);
                model.RemoveRange(model.Count - tail, tail);
                break;
        }
    }

    // LREM's edits are what replay applies: each names the index the element had when it was removed.
    private static void RemoveMatches(ListValue list, List<string> model, byte[] element, int limit, bool fromTail)
    {
        var edits = list.RemoveMatches(element, limit, fromTail);

        var expected = new List<string>(model);
        var target = Encoding.ASCII.GetString(element);
        var matches = Enumerable.Range(0, expected.Count).Where(i => expected[i] == target);
        var chosen = (fromTail ? matches.Reverse() : matches).Take(limit == 0 ? int.MaxValue : limit).ToList();
        foreach (var index in chosen.OrderDescending())
        {
            expected.RemoveAt(index);
        }

        foreach (var edit in edits)
        {
            Assert.That(edit.Edit, Is.EqualTo(ElementEdit.Removed));
            Assert.That(Encoding.ASCII.GetString(edit.Element), Is.EqualTo(model[(int)edit.Index]), "the edit names the element's index then");
            model.RemoveAt((int)edit.Index);
        }

        Assert.That(edits, Has.Length.EqualTo(chosen.Count));
        Assert.That(model, Is.EqualTo(expected));
    }

    private static string[] Text(byte[][] elements) => [.. elements.Select(Encoding.ASCII.GetString)];
}
