using System.Buffers;
using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Specs.Protocols.Memcached;

public sealed class MemcachedParserSpecs : ReactiveTest
{
    [TestCase("")]
    [TestCase("bogus")]
    [TestCase("get")]
    [TestCase("incr k")]
    [TestCase("verbosity")]
    [TestCase("mz k")]
    public void Answers_an_unknown_or_incomplete_command_with_ERROR(string line)
    {
        var command = Parse(line);

        Assert.That(command, Is.EqualTo(new MemcachedCommand.Invalid(MemcachedErrors.UnknownCommand)));
    }

    [TestCase("get " + "k\u0001")]
    [TestCase("touch k\tx 10")]
    [TestCase("mg k\u007f v")]
    public void Rejects_a_key_with_a_control_character(string line)
    {
        var command = Parse(line);

        Assert.That(command, Is.EqualTo(new MemcachedCommand.Invalid(MemcachedErrors.BadCommandLine)));
    }

    [Test]
    public void Accepts_a_key_of_250_bytes_and_rejects_one_of_251()
    {
        var longest = Parse("get " + new string('k', 250));
        var tooLong = Parse("get " + new string('k', 251));

        Assert.That(longest, Is.TypeOf<MemcachedCommand.Retrieve>());
        Assert.That(tooLong, Is.EqualTo(new MemcachedCommand.Invalid(MemcachedErrors.BadCommandLine)));
    }

    [TestCase("set k x 0 1")]
    [TestCase("set k 0 x 1")]
    [TestCase("set k -1 0 1")]
    [TestCase("cas k 0 0 1")]
    [TestCase("cas k 0 0 1 x")]
    public void Rejects_a_storage_command_with_bad_numbers(string line)
    {
        var command = Parse(line, data: "v");

        Assert.That(command, Is.EqualTo(new MemcachedCommand.Invalid(MemcachedErrors.BadCommandLine)));
    }

    [Test]
    public void Reads_a_storage_command_with_its_data_block_and_noreply()
    {
        var command = (MemcachedCommand.Store)Parse("cas k 42 -1 2 99 noreply", data: "hi");

        Assert.That((command.Mode, Text(command.Key), command.Flags, command.Exptime, Text(command.Value), command.CasUnique, command.NoReply),
            Is.EqualTo((StoreMode.Cas, "k", 42u, -1L, "hi", 99UL, true)));
    }

    [Test]
    public void Reads_every_key_of_a_multi_get_and_the_exptime_of_gat()
    {
        var gets = (MemcachedCommand.Retrieve)Parse("gets a  b c");
        var gat = (MemcachedCommand.Retrieve)Parse("gat 30 a");

        Assert.That(gets.Keys.Select(Text), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That((gets.WithCas, gets.TouchExptime), Is.EqualTo((true, (long?)null)));
        Assert.That((gat.WithCas, gat.TouchExptime), Is.EqualTo((false, (long?)30)));
    }

    [TestCase("delete k", false)]
    [TestCase("delete k 0", false)]
    [TestCase("delete k noreply", true)]
    [TestCase("delete k 0 noreply", true)]
    public void Reads_delete_with_the_legacy_zero_hold_time(string line, bool noReply)
    {
        var command = Parse(line);

        Assert.That(command, Is.TypeOf<MemcachedCommand.Delete>().With.Property("NoReply").EqualTo(noReply));
    }

    [Test]
    public void Rejects_delete_with_a_hold_time_as_memcached_does()
    {
        var command = Parse("delete k 5");

        Assert.That(command, Is.EqualTo(new MemcachedCommand.Invalid(MemcachedErrors.DeleteUsage)));
    }

    [TestCase("incr k x", MemcachedErrors.InvalidDelta)]
    [TestCase("incr k -1", MemcachedErrors.InvalidDelta)]
    [TestCase("touch k x", MemcachedErrors.InvalidExptime)]
    [TestCase("gat x k", MemcachedErrors.InvalidExptime)]
    [TestCase("flush_all x", MemcachedErrors.InvalidExptime)]
    [TestCase("flush_all 99999999999999999999", MemcachedErrors.InvalidExptime)]
    [TestCase("verbosity abc", MemcachedErrors.BadCommandLine)]
    [TestCase("verbosity 99999999999999999999", MemcachedErrors.BadCommandLine)]
    public void Rejects_bad_numbers_in_memcached_words(string line, string error)
    {
        var command = Parse(line);

        Assert.That(command, Is.EqualTo(new MemcachedCommand.Invalid(error)));
    }

    [Test]
    public void Reads_meta_flags_in_order_and_decodes_a_base64_key()
    {
        var command = (MemcachedCommand.Meta)Parse("mg Zm9v b v T30 O123 k");

        Assert.That(Text(command.Request.Key), Is.EqualTo("foo"));
        Assert.That(command.Request.Flags.Select(flag => $"{flag.Flag}{flag.Token}"), Is.EqualTo(new[] { "b", "v", "T30", "O123", "k" }));
    }

    [Test]
    public void Passes_on_the_error_the_framer_already_found()
    {
        var command = MemcachedParser.Parse(new MemcachedFrame(Line("append k 0 0 9"), null, MemcachedErrors.TooLarge));

        Assert.That(command, Is.EqualTo(new MemcachedCommand.Invalid(MemcachedErrors.TooLarge)));
    }

    private static MemcachedCommand Parse(string line, string? data = null) =>
        MemcachedParser.Parse(new MemcachedFrame(Line(line), data is null ? null : Encoding.ASCII.GetBytes(data), null));

    private static ReadOnlySequence<byte> Line(string line) => new(Encoding.Latin1.GetBytes(line));

    private static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
