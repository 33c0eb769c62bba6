using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Native;

/// <summary>Hostile lines on the native port: each gets one error line and the session goes on.</summary>
public sealed class NativeBadInputSpecs
{
    [Test]
    public void Expire_times_at_the_ends_of_a_long_are_refused_without_overflowing_the_clock()
    {
        using var native = new NativeHarness();
        native.Store.Set("k", "v");

        var replies = native.Send("EXPIRE k 9223372036854775807", "EXPIRE k -9223372036854775808", "TTL k");

        Assert.That(replies, Is.EqualTo("ERR invalid expire time\r\nERR invalid expire time\r\nTTL -1\r\n"));
    }

    [Test]
    public void NUL_bytes_and_a_lone_CR_in_a_command_name_come_back_as_question_marks_in_one_error_line()
    {
        using var native = new NativeHarness();

        var replies = native.Send("PI\0NG", "GET\rk", "PING");

        Assert.That(replies, Is.EqualTo("ERR unknown command 'PI?NG'\r\nERR unknown command 'GET?k'\r\nPONG\r\n"));
    }

    [Test]
    public void A_value_may_hold_NUL_bytes_and_a_lone_CR_which_reads_back_escaped_so_the_reply_stays_one_line()
    {
        using var native = new NativeHarness();

        var replies = native.Send("PUT k a\0b\rc", "GET k");

        Assert.That(replies, Is.EqualTo("OK\r\nVALUE a\0b\\rc\r\n"));
    }
}
