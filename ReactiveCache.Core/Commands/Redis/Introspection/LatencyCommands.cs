using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>LATENCY LATEST, HISTORY, RESET, HISTOGRAM, GRAPH, DOCTOR and HELP (latencyCommand in latency.c).</summary>
internal static class LatencyCommands
{
    public static RedisReply Latest(RedisSession session, byte[][] args) =>
        new RedisReply.Array(session.Server.Recorder.Latency.Latest()
            .Select(latest => (RedisReply)new RedisReply.Array([RedisReply.Of(latest.Name), RedisReply.Of(latest.Time), RedisReply.Of(latest.Latency), RedisReply.Of(latest.Max)]))
            .ToArray());

    public static RedisReply History(RedisSession session, byte[][] args) =>
        new RedisReply.Array(session.Server.Recorder.Latency.History(RedisArgs.Text(args[2]))
            .Select(sample => (RedisReply)new RedisReply.Array([RedisReply.Of(sample.Time), RedisReply.Of(sample.Latency)]))
            .ToArray());

    public static RedisReply Reset(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Server.Recorder.Latency.Reset(args.Skip(2).Select(RedisArgs.Text).ToArray()));

    // LATENCY HISTOGRAM [command ...]: every command with calls, or those named (a container names its subcommands too).
    public static RedisReply Histogram(RedisSession session, byte[][] args)
    {
        var server = session.Server;
        var commands = args.Length == 2
            ? server.Commands.All
            : args.Skip(2).SelectMany(name => Named(server.Commands, RedisArgs.Text(name))).Distinct();
        var pairs = new List<KeyValuePair<RedisReply, RedisReply>>();
        foreach (var command in commands)
        {
            if (server.CommandStatistics.Histogram(command) is { } histogram)
            {
                var buckets = histogram.PowersOfTwo()
                    .Select(bucket => new KeyValuePair<RedisReply, RedisReply>(RedisReply.Of(bucket.Microseconds), RedisReply.Of(bucket.Cumulative)))
                    .ToArray();
                pairs.Add(new(RedisReply.Of(command.FullName), new RedisReply.Map([
                    new(RedisReply.Of("calls"), RedisReply.Of(histogram.Total)),
                    new(RedisReply.Of("histogram_usec"), new RedisReply.Map(buckets)),
                ])));
            }
        }

        return new RedisReply.Map(pairs);
    }

    public static RedisReply Graph(RedisSession session, byte[][] args)
    {
        var name = RedisArgs.Text(args[2]);
        var samples = session.Server.Recorder.Latency.History(name);
        if (samples.Count == 0)
        {
            return new RedisReply.Error(string.Format(CultureInfo.InvariantCulture, RespErrors.LatencyNoSamples, name));
        }

        var max = samples.Max(sample => sample.Latency);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{name} - high {max} ms, low {samples.Min(sample => sample.Latency)} ms\n");
        foreach (var (time, latency) in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{time} {new string('#', (int)Math.Max(1, latency * 40 / Math.Max(max, 1)))} {latency} ms\n");
        }

        return new RedisReply.Verbatim(text.ToString());
    }

    public static RedisReply Doctor(RedisSession session, byte[][] args)
    {
        var latency = session.Server.Recorder.Latency;
        var latest = latency.Latest();
        if (latency.ThresholdMilliseconds == 0)
        {
            return new RedisReply.Verbatim(
                "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this ReactiveCache instance. " +
                "You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it.\n");
        }

        if (latest.Count == 0)
        {
            return new RedisReply.Verbatim("Dave, no latency spike was observed during the lifetime of this ReactiveCache instance, not in the slightest bit.\n");
        }

        var text = new StringBuilder("Dave, I have observed latency spikes in this ReactiveCache instance.\n\n");
        var number = 1;
        foreach (var (name, _, _, max) in latest)
        {
            var samples = latency.History(name);
            text.Append(CultureInfo.InvariantCulture,
                $"{number++}. {name}: {samples.Count} latency spikes (average {(long)samples.Average(sample => sample.Latency)}ms, worst {max}ms).\n");
        }

        text.Append("\nI have a few advices for you:\n\n")
            .Append("- Check the SLOWLOG for the commands that took longest; big collections read or written whole (KEYS, SMEMBERS, HGETALL, DEL of a large key) are the usual cause.\n")
            .Append("- Commands built off the socket's thread (big replies) do not hold other clients up; commands that hold the store's lock do.\n");
        return new RedisReply.Verbatim(text.ToString());
    }

    public static RedisReply Help(RedisSession session, byte[][] args) => HelpReply.For("latency",
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "GRAPH <event>",
        "    Return an ASCII latency graph for the <event> class.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
        "    If no commands are specified then all histograms are replied.");

    // lookupCommandBySds: "client" is the container and its subcommands, "client|id" one subcommand; unknown is nothing.
    // A plain name is one table lookup (a request may name a million); only "container|sub" walks the table.
    private static IEnumerable<RedisCommand> Named(RedisCommandTable table, string name) =>
        (name.Contains('|')
            ? table.All.Where(command => command.FullName.Equals(name, StringComparison.OrdinalIgnoreCase))
            : table.TryFind(System.Text.Encoding.UTF8.GetBytes(name), out var found) ? [found] : Enumerable.Empty<RedisCommand>())
        .SelectMany(command => command.Subcommands is { } subcommands ? [command, .. subcommands.Values] : new[] { command });
}
