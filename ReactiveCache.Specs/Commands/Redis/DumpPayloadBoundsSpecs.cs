using System.Text;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using static ReactiveCache.Specs.Support.DumpSeal;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// A RESTORE payload is the client's to choose, lengths included: a length it claims is believed only as far as the
/// payload's own bytes can back it, so a few bytes never make the server allocate gigabytes.
/// </summary>
public sealed class DumpPayloadBoundsSpecs : RedisSessionSpec
{
    private const string BadDataFormat = "-ERR Bad data format\r\n";

    // 0xC3 marks an LZF string: its compressed length (1), its expanded length (a 32-bit length), one byte of data.
    [TestCase(0x7fffffffU, TestName = "expanding to 2^31 - 1 bytes")]
    [TestCase(0x40000000U, TestName = "expanding to 1 GiB")]
    [TestCase(89U, TestName = "expanding one byte past what LZF can")]
    public void An_LZF_string_claiming_more_than_its_bytes_expand_to_is_refused_without_allocating_it(uint expanded)
    {
        byte[] body = [0x00, 0xc3, 0x01, 0x80, .. BigEndian(expanded), 0x00];

        var (reply, allocated) = Measured(() => Restore("k", Seal(body)));

        Assert.That(reply, Is.EqualTo(BadDataFormat));
        Assert.That(allocated, Is.LessThan(1 << 20), "bytes allocated by one RESTORE of a 19-byte payload");
    }

    [Test]
    public void An_LZF_string_expanding_as_far_as_LZF_can_is_still_restored()
    {
        // A literal "a", then the longest back reference (264 bytes from one back): 5 bytes expanding to 265.
        byte[] body = [0x00, 0xc3, 0x05, 0x41, 0x09, 0x00, (byte)'a', 0xe0, 0xff, 0x00];

        Assert.That(Restore("k", Seal(body)), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("GET", "k"), Is.EqualTo($"$265\r\n{new string('a', 265)}\r\n"));
    }

    [Test]
    public void A_listpack_inside_an_LZF_string_claiming_gigabytes_is_refused_without_allocating_them()
    {
        byte[] body = [0x10, 0xc3, 0x01, 0x80, .. BigEndian(0x7fffffc0U), 0x00];

        var (reply, allocated) = Measured(() => Restore("h", Seal(body)));

        Assert.That(reply, Is.EqualTo(BadDataFormat));
        Assert.That(allocated, Is.LessThan(1 << 20));
    }

    [Test]
    public void A_hash_claiming_2_to_the_64_fields_is_refused_after_reading_what_is_there()
    {
        byte[] body = [0x04, 0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x61, 0x01, 0x62];

        var (reply, allocated) = Measured(() => Restore("h", Seal(body)));

        Assert.That(reply, Is.EqualTo(BadDataFormat));
        Assert.That(allocated, Is.LessThan(1 << 20));
    }

    private string Restore(string key, byte[] payload) => Client.Send("RESTORE", key, "0", Encoding.Latin1.GetString(payload));

    private static (string Reply, long Allocated) Measured(Func<string> send)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var reply = send();
        return (reply, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
