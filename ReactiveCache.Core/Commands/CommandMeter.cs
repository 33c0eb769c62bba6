using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReactiveCache.Commands;

/// <summary>
/// One protocol's share of a server's meter (Hosting/CacheMetrics): a call count per command (read by the
/// <c>reactivecache.commands</c> observable counter when it is collected) and the command duration histogram.
/// </summary>
/// <remarks>
/// The hot path pays one uncontended interlocked add per command, and reads the clock only while someone listens to
/// the histogram (<see cref="Instrument.Enabled"/>): an unobserved meter allocates nothing and takes no lock. The
/// command names are the protocol's own fixed table, so a client cannot make new tag values (unknown commands are not
/// counted here, as INFO commandstats does not count them).
/// </remarks>
internal sealed class CommandMeter
{
    private readonly KeyValuePair<string, object?> _protocol;
    private readonly KeyValuePair<string, object?>[] _commands;
    private readonly long[] _calls;
    private readonly Histogram<double>? _duration;

    /// <param name="protocol">The protocol tag's value.</param>
    /// <param name="commandNames">The command tag's values, indexed as <see cref="Executed"/> is called.</param>
    /// <param name="duration">Where durations go; none outside a server (a session made by a spec).</param>
    public CommandMeter(string protocol, IReadOnlyList<string> commandNames, Histogram<double>? duration = null)
    {
        _protocol = new("protocol", protocol);
        _commands = commandNames.Select(name => new KeyValuePair<string, object?>("command", name)).ToArray();
        _calls = new long[commandNames.Count];
        _duration = duration;
    }

    /// <summary>The clock when a command starts, or 0 when nobody listens to durations.</summary>
    public long Start() => _duration is { Enabled: true } ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Counts command <paramref name="command"/> (an index into the names) timed by its session already (<paramref name="elapsedTicks"/>, Stopwatch ticks).</summary>
    public void Counted(int command, long elapsedTicks)
    {
        Interlocked.Increment(ref _calls[command]);
        if (_duration is { Enabled: true } duration)
        {
            duration.Record((double)elapsedTicks / Stopwatch.Frequency, _protocol, _commands[command]);
        }
    }

    /// <summary>
    /// Runs one command (<paramref name="run"/> over <paramref name="state"/>), counting it as <paramref name="command"/>
    /// (an index into the names; negative for a request that names none, which is not counted) and timing it while
    /// someone listens: the native and memcached sessions' one measuring point.
    /// </summary>
    public TReply Measured<TState, TReply>(int command, TState state, Func<TState, TReply> run)
    {
        var started = Start();
        var reply = run(state);
        if (command >= 0)
        {
            Executed(command, started);
        }

        return reply;
    }

    /// <summary>Counts command <paramref name="command"/> and records its duration when timed from <see cref="Start"/>.</summary>
    public void Executed(int command, long started)
    {
        Interlocked.Increment(ref _calls[command]);
        if (started != 0)
        {
            _duration!.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _protocol, _commands[command]);
        }
    }

    /// <summary>The calls of every command called at least once, with their tags.</summary>
    public void Observe(List<Measurement<long>> into)
    {
        for (var i = 0; i < _calls.Length; i++)
        {
            if (Interlocked.Read(ref _calls[i]) is var calls and > 0)
            {
                into.Add(new Measurement<long>(calls, _protocol, _commands[i]));
            }
        }
    }
}
