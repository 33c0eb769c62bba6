using NUnit.Framework;
using ReactiveCache.Protocols;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Protocols.Native;

namespace ReactiveCache.Specs.Protocols;

public sealed class KeySyntaxSpecs
{
    private static IEnumerable<byte> ControlBytes() => Enumerable.Range(0, 0x20).Select(b => (byte)b);

    [TestCase(0, false)]
    [TestCase(1, true)]
    [TestCase(250, true)]
    [TestCase(251, false)]
    public void Takes_1_to_the_maximum_bytes(int length, bool valid)
    {
        var key = Enumerable.Repeat((byte)'k', length).ToArray();

        Assert.That(KeySyntax.IsValid(key, maxLength: 250), Is.EqualTo(valid));
    }

    [TestCaseSource(nameof(ControlBytes))]
    public void Refuses_a_control_byte_anywhere(byte control)
    {
        Assert.Multiple(() =>
        {
            Assert.That(KeySyntax.IsValid([control], 250), Is.False, "alone");
            Assert.That(KeySyntax.IsValid([(byte)'a', control, (byte)'b'], 250), Is.False, "inside");
            Assert.That(KeySyntax.IsValid([(byte)'a', control], 250), Is.False, "last");
        });
    }

    [TestCase((byte)' ')]
    [TestCase((byte)0x7f)]
    public void Refuses_space_and_DEL(byte refused)
    {
        Assert.That(KeySyntax.IsValid([(byte)'a', refused, (byte)'b'], 250), Is.False);
    }

    [TestCase((byte)'!')]
    [TestCase((byte)'~')]
    [TestCase((byte)0x80)]
    [TestCase((byte)0xff)]
    public void Takes_printable_ASCII_and_bytes_above_DEL(byte taken)
    {
        Assert.That(KeySyntax.IsValid([(byte)'a', taken], 250), Is.True);
    }

    [Test]
    public void The_native_protocol_and_memcached_apply_the_same_rule_with_their_own_maximum()
    {
        byte[][] keys = [[], [.. Enumerable.Repeat((byte)'k', 250)], [.. Enumerable.Repeat((byte)'k', 251)], "a b"u8.ToArray(), [(byte)'a', 0x7f], [(byte)'a', 0x0d], "caf\u00e9"u8.ToArray()];

        Assert.Multiple(() =>
        {
            foreach (var key in keys)
            {
                Assert.That(NativeParser.IsValidKey(key), Is.EqualTo(KeySyntax.IsValid(key, NativeLimits.MaxKeyLength)), "native");
                Assert.That(MemcachedSyntax.IsValidKey(key), Is.EqualTo(KeySyntax.IsValid(key, MemcachedSyntax.MaxKeyLength)), "memcached");
            }
        });
    }
}
