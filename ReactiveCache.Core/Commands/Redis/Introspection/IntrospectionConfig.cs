using System.Globalization;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// The settings of CONFIG GET/SET that steer introspection: slowlog-log-slower-than, slowlog-max-len,
/// latency-monitor-threshold, latency-tracking and latency-tracking-info-percentiles, checked with config.c's bounds.
/// </summary>
internal static class IntrospectionConfig
{
    public static readonly string[] Names =
        ["slowlog-log-slower-than", "slowlog-max-len", "latency-monitor-threshold", "latency-tracking", "latency-tracking-info-percentiles"];

    public static bool Knows(string name) => Names.Contains(name);

    public static string Value(RedisServer server, string name) => name switch
    {
        "slowlog-log-slower-than" => server.Recorder.SlowLog.LogSlowerThanMicroseconds.ToString(CultureInfo.InvariantCulture),
        "slowlog-max-len" => server.Recorder.SlowLog.MaxLength.ToString(CultureInfo.InvariantCulture),
        "latency-monitor-threshold" => server.Recorder.Latency.ThresholdMilliseconds.ToString(CultureInfo.InvariantCulture),
        "latency-tracking" => server.CommandStatistics.LatencyTracking ? "yes" : "no",
        "latency-tracking-info-percentiles" => string.Join(' ', server.Config.LatencyPercentiles.Select(StatsInfo.FormatPercentile)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Checks <paramref name="value"/>; the change is applied once every pair of the CONFIG SET passed.</summary>
    public static bool TryChange(RedisServer server, string name, string value, out Action change, out string error)
    {
        change = () => { };
        error = "";
        switch (name)
        {
            case "slowlog-log-slower-than" when TryLong(value, -1, out var microseconds, out error):
                change = () => server.Recorder.SetSlowLogThreshold(microseconds);
                return true;
            case "slowlog-max-len" when TryLong(value, 0, out var length, out error):
                change = () => server.Recorder.SlowLog.MaxLength = (int)Math.Min(length, int.MaxValue);
                return true;
            case "latency-monitor-threshold" when TryLong(value, 0, out var milliseconds, out error):
                change = () => server.Recorder.SetLatencyThreshold(milliseconds);
                return true;
            case "latency-tracking" when value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase):
                var tracking = value.Equals("yes", StringComparison.OrdinalIgnoreCase);
                change = () => server.CommandStatistics.LatencyTracking = tracking;
                return true;
            case "latency-tracking":
                error = RespErrors.YesOrNo;
                return false;
            case "latency-tracking-info-percentiles" when TryPercentiles(value, out var percentiles, out error):
                change = () => server.Config.LatencyPercentiles = percentiles;
                return true;
            default:
                return false;
        }
    }

    private static bool TryLong(string value, long minimum, out long number, out string error)
    {
        error = "";
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            error = RespErrors.ConfigNotInteger;
            return false;
        }

        if (number < minimum)
        {
            error = string.Format(CultureInfo.InvariantCulture, RespErrors.ConfigOutOfRange, minimum, long.MaxValue);
            return false;
        }

        return true;
    }

    // setConfigLatencyTrackingInfoPercentilesOutputOption: numbers between 0 and 100, separated by spaces; "" for none.
    private static bool TryPercentiles(string value, out IReadOnlyList<double> percentiles, out string error)
    {
        error = "";
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parsed = new double[Math.Min(words.Length, 1024)];
        percentiles = parsed;
        if (words.Length > parsed.Length)
        {
            error = "Invalid latency-tracking-info-percentiles parameters";
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (!double.TryParse(words[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i]) || double.IsNaN(parsed[i]))
            {
                error = "Invalid latency-tracking-info-percentiles parameters";
                return false;
            }

            if (parsed[i] is < 0 or > 100)
            {
                error = "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]";
                return false;
            }
        }

        return true;
    }
}
