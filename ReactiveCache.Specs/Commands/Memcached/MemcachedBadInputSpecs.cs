using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Memcached;

/// <summary>
/// Hostile numbers, lengths and flag lists on the memcached port, each answered as memcached 1.6.18 answers it
/// (compared side by side with <c>memcached -p PORT</c>) or, where memcached misreads it, more strictly.
/// </summary>
public sealed class MemcachedBadInputSpecs
{
    private CacheStore _store = null!;
    private MemcachedHarness _client = null!;

    [SetUp]
    public void Start()
    {
        _store = new CacheStore(scheduler: new TestScheduler());
        _client = new MemcachedHarness(_store);
    }

    [TearDown]
    public void Stop() => _store.Dispose();

    [Test]
    public void A_meta_set_with_a_CAS_above_2_to_the_63_is_compared_not_taken_for_no_CAS()
    {
        _client.Send("set k 0 0 1\r\na\r\n");

        var replies = _client.Send("ms k 1 C18446744073709551615\r\nb\r\nmd k C18446744073709551615\r\nma k C9223372036854775808\r\nmg k v\r\n");

        Assert.That(replies, Is.EqualTo("EX\r\nEX\r\nEX\r\nVA 1\r\na\r\n"));
    }

    [Test]
    public void Client_flags_over_32_bits_are_refused_not_cut_to_their_low_bits()
    {
        var replies = _client.Send("ms k 1 F4294967296\r\na\r\nms k 1 F4294967295\r\nb\r\nmg k v f\r\n");

        Assert.That(replies, Is.EqualTo("CLIENT_ERROR bad token in command line format\r\nHD\r\nVA 1 f4294967295\r\nb\r\n"));
    }

    [Test]
    public void A_flag_given_twice_is_refused_so_a_line_of_thousands_of_flags_costs_nothing()
    {
        _client.Send("set k 0 0 1\r\na\r\n");

        var replies = _client.Send("mg k v v\r\nmg k " + string.Join(" ", Enumerable.Repeat("k", 3000)) + "\r\nmn\r\n");

        Assert.That(replies, Is.EqualTo("CLIENT_ERROR duplicate flag\r\nCLIENT_ERROR options flags are too long\r\nMN\r\n"));
    }

    [Test]
    public void At_most_seventeen_flags_fit_on_mg_and_sixteen_on_ms_as_in_memcached()
    {
        const string seventeen = "v t c f s k O1 q h l u N1 R1 T1 P L b";

        const string sixteen = "T0 F0 I k O1 b c s t f h l u P L x";

        var replies = _client.Send($"mg a2V5 {seventeen} x\r\nms a2V5 1 {sixteen} y\r\na\r\nmg a2V5 {seventeen}\r\nms a2V5 1 {sixteen}\r\na\r\n");

        // c2: the vivifying mg (N1 with T1) is one change, so the ms that follows is the second.
        Assert.That(replies, Does.StartWith("CLIENT_ERROR options flags are too long\r\nCLIENT_ERROR options flags are too long\r\nVA 0 ").And.EndWith("\r\nHD ka2V5 O1 b c2 s1 t-1 f0\r\n"));
    }

    [Test]
    public void An_opaque_token_over_32_bytes_is_refused()
    {
        var replies = _client.Send($"mg k O{new string('1', 31)}\r\nmg k O{new string('1', 32)}\r\n");

        Assert.That(replies, Is.EqualTo($"EN\r\nCLIENT_ERROR opaque token too long\r\n"));
    }

    [TestCase("mg !!!! b v\r\n")]
    [TestCase("mg a2V b v\r\n")]
    [TestCase("mg = b v\r\n")]
    public void A_key_that_is_not_base64_under_the_b_flag_gets_memcached_decoding_error(string request) =>
        Assert.That(_client.Send(request), Is.EqualTo("CLIENT_ERROR error decoding key\r\n"));

    [TestCase("mg\r\n")]
    [TestCase("ms\r\n")]
    [TestCase("ma\r\n")]
    [TestCase("md\r\n")]
    public void A_meta_command_without_a_key_is_unknown_as_in_memcached(string request) =>
        Assert.That(_client.Send(request), Is.EqualTo("ERROR\r\n"));

    [TestCase("set k 0 0 4294967296\r\nabcd\r\n", "CLIENT_ERROR bad command line format\r\nERROR\r\n")]
    [TestCase("set k 0 0 -1\r\n", "CLIENT_ERROR bad command line format\r\n")]
    [TestCase("set k 0 0 18446744073709551616\r\n", "CLIENT_ERROR bad command line format\r\n")]
    [TestCase("set k 4294967296 0 1\r\na\r\n", "CLIENT_ERROR bad command line format\r\n")]
    [TestCase("set k 0 99999999999999999999 1\r\na\r\n", "CLIENT_ERROR bad command line format\r\n")]
    [TestCase("cas k 0 0 1 18446744073709551616\r\na\r\n", "CLIENT_ERROR bad command line format\r\n")]
    [TestCase("incr k 18446744073709551616\r\n", "CLIENT_ERROR invalid numeric delta argument\r\n")]
    [TestCase("incr k -1\r\n", "CLIENT_ERROR invalid numeric delta argument\r\n")]
    [TestCase("gat 99999999999999999999 k\r\n", "CLIENT_ERROR invalid exptime argument\r\n")]
    [TestCase("touch k 99999999999999999999\r\n", "CLIENT_ERROR invalid exptime argument\r\n")]
    [TestCase("ms k 4294967296\r\n", "CLIENT_ERROR bad command line format\r\n")]
    [TestCase("mg k T99999999999999999999999 v\r\n", "CLIENT_ERROR bad token in command line format\r\n")]
    // Where memcached refuses a storage line whose length is fine, it reads the data block as the next command
    // ("ERROR"): a value could smuggle a command. Here the announced block is always swallowed with its line.
    public void Numbers_that_overflow_or_go_negative_are_refused_and_the_session_goes_on(string request, string expected)
    {
        Assert.That(_client.Send(request), Is.EqualTo(expected));
        Assert.That(_client.Send("mn\r\n"), Is.EqualTo("MN\r\n"));
    }

    [Test]
    public void Incr_wraps_past_2_to_the_64_and_refuses_a_value_that_is_not_a_counter()
    {
        var replies = _client.Send(
            "set k 0 0 20\r\n18446744073709551615\r\nincr k 1\r\nset n 0 0 20\r\n18446744073709551616\r\nincr n 1\r\nset t 0 0 3\r\nabc\r\ndecr t 1\r\n");

        Assert.That(replies, Is.EqualTo(
            "STORED\r\n0\r\nSTORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\nSTORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n"));
    }

    [Test]
    public void A_huge_gat_exptime_is_an_absolute_time_far_ahead_and_does_not_overflow()
    {
        var replies = _client.Send("set k 0 0 1\r\na\r\ngat 9223372036854775807 k\r\nmg k t v\r\n");

        Assert.That(replies, Does.StartWith("STORED\r\nVALUE k 0 1\r\na\r\nEND\r\nVA 1 t"));
    }

    [TestCase("get k\0\r\n")]
    [TestCase("get k\rget k\r\n")]
    [TestCase("get <251 bytes>\r\n")]
    public void A_key_with_NUL_a_lone_CR_or_over_250_bytes_is_a_bad_command_line_not_a_truncated_key(string request)
    {
        Assert.That(_client.Send(request.Replace("<251 bytes>", new string('a', 251))), Is.EqualTo("CLIENT_ERROR bad command line format\r\n"));
        Assert.That(_client.Send("mn\r\n"), Is.EqualTo("MN\r\n"));
    }
}
