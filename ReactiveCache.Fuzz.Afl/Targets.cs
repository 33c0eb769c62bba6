namespace ReactiveCache.Fuzz.Afl;

/// <summary>The fuzz targets by name: one per protocol, each framer, parser and session together.</summary>
internal static class Targets
{
    public static readonly IReadOnlyDictionary<string, ITarget> All = new Dictionary<string, ITarget>
    {
        ["resp"] = new RespTarget(),
        ["native"] = new NativeTarget(),
        ["memcached"] = new MemcachedTarget(),
    };
}

/// <summary>One fuzz target: runs an input as one connection's whole byte stream.</summary>
internal interface ITarget
{
    /// <summary>
    /// Frames, parses and executes every request in <paramref name="input"/> and encodes the replies. Returns
    /// how the stream ended; throws only for a bug (anything but the protocol's own broken-stream error), which
    /// afl-fuzz records as a crash.
    /// </summary>
    string Run(byte[] input);
}
